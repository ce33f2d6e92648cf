import { z } from 'zod';
import { isSyllabusItemId } from '../curriculum/syllabus.ts';

/** What every check's metadata must satisfy; the catalog test and `lab validate` apply it. */
export const checkMetadataSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, 'check ids are kebab-case and start with the service, e.g. s3-bucket-versioning'),
  title: z.string().min(15).max(120),
  service: z.string().regex(/^[a-z0-9-]+$/),
  resourceType: z.string().regex(/^(AWS|MLSEC)::[A-Za-z0-9]*::[A-Za-z0-9]*$/, 'a CloudFormation-style type such as AWS::S3::Bucket (MLSEC::Lab::… for lab evidence)'),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'informational']),
  risk: z.string().min(60, 'explain the risk to the learner in a sentence or two'),
  securityHub: z.array(z.string().regex(/^[A-Za-z0-9]+\.\d+$/, 'Security Hub control ids look like S3.8')),
  prowler: z.string().regex(/^[a-z0-9_]+$/, 'Prowler check ids are snake_case').optional(),
  syllabus: z
    .array(z.string())
    .min(1)
    .refine((ids) => ids.every(isSyllabusItemId), { message: 'every syllabus id must exist in content/syllabus/domain4.json' }),
  remediation: z.object({
    text: z.string().min(20),
    cli: z.string().regex(/^aws [a-z0-9-]+ [a-z0-9-]+ /, 'a complete AWS CLI command: aws <service> <operation> …'),
    docs: z.string().min(5).optional(),
  }),
  reads: z.array(z.string().min(3)).min(1),
});
