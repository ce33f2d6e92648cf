import { couldNotCheck, finding } from '../lib/findings.ts';
import { blockFlags } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-account-block-public-access';

export default defineCheck({
  id,
  title: 'The account blocks public access to S3 with all four Block Public Access settings',
  service: 's3',
  resourceType: 'AWS::::Account',
  severity: 'medium',
  risk: 'Without account-level Block Public Access, any bucket created tomorrow — by a notebook, a pipeline or a hurried colleague — can be made public by one policy or ACL. The account setting is the guardrail that catches the next mistake, not just this one.',
  securityHub: ['S3.1'],
  prowler: 's3_account_level_public_access_blocks',
  syllabus: ['4.3.S1', '4.3.S3'],
  remediation: {
    text: 'Turn on all four Block Public Access settings for the account (S3 Control PutPublicAccessBlock).',
    cli: 'aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    docs: 'Blocking public access to your Amazon S3 storage',
  },
  reads: ['s3.accountPublicAccessBlock.value.BlockPublicAcls', 's3.accountPublicAccessBlock.value.IgnorePublicAcls', 's3.accountPublicAccessBlock.value.BlockPublicPolicy', 's3.accountPublicAccessBlock.value.RestrictPublicBuckets'],
  scope: () => ({ s3: { accountPublicAccessBlock: true } }),
  evaluate(inventory) {
    const s3 = inventory.s3;
    if (!s3) return [];
    const resource = { type: 'AWS::::Account', id: inventory.account.id, arn: `arn:${inventory.account.partition}:iam::${inventory.account.id}:root` };
    const observed = s3.accountPublicAccessBlock;
    if (!observed.ok) return [couldNotCheck(id, resource, 'S3Control.GetPublicAccessBlock', observed.error, "the account's Block Public Access settings")];
    const block = observed.value;
    if (!block) {
      return [
        finding(id, resource, 'fail', 'The account has no Block Public Access configuration, so nothing stops a bucket from being made public.', [
          { field: 'S3Control.GetPublicAccessBlock', value: 'NoSuchPublicAccessBlockConfiguration', expected: 'all four settings true' },
        ]),
      ];
    }
    const off = blockFlags.filter((flag) => block[flag] !== true);
    const evidence = blockFlags.map((flag) => ({ field: `S3Control.GetPublicAccessBlock.${flag}`, value: block[flag], expected: 'true' }));
    if (off.length === 0) return [finding(id, resource, 'pass', 'All four account-level Block Public Access settings are on.', evidence)];
    return [finding(id, resource, 'fail', `Account-level Block Public Access is incomplete: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off.`, evidence)];
  },
});
