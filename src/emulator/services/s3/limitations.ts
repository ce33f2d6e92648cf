/** Where the emulated S3 knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const S3_LIMITATIONS: readonly Limitation[] = [
  { text: 'Bucket policies, ACLs and Block Public Access are stored, validated and reported (GetBucketPolicyStatus, PutBucketPolicy/PutBucketAcl refusals) but do not restrict access unless IAM enforcement is switched on.' },
  { text: 'Requests are served whatever region they name; AWS redirects requests for a bucket to its own region (301 PermanentRedirect).' },
  { text: 'Objects are held in memory (and in the data directory when persistence is on); the largest request body (a single PUT or one multipart part) is 64 MiB by default (maxBodyBytes). UploadPartCopy is not emulated.' },
  { text: 'Bucket CORS configurations are not emulated; the edge answers CORS for every origin.' },
  { operation: 'PutBucketLifecycleConfiguration', text: 'Rules are validated and stored but never executed (no expiration or transition happens).' },
  { operation: 'PutBucketLogging', text: 'The configuration is validated and stored; no access log objects are delivered.' },
  { operation: 'PutObject', text: 'SSE-KMS goes through the emulated KMS (the key must exist and be enabled; a data key is encrypted under it and decrypted on every GetObject), but the object body itself is kept unencrypted in the emulator\'s state. A key of another account is used as the caller\'s KMS allows it; bucket keys change only the encryption context. CRC32C and CRC64NVME checksums are stored but not verified.' },
  { operation: 'PutBucketEncryption', text: 'KMSMasterKeyID is stored as written and not checked, as on AWS: a key that does not exist makes the uploads fail (KMS.NotFoundException), not the configuration.' },
  { operation: 'GetBucketPolicyStatus', text: "IsPublic follows S3's published definition of a public policy; like IAM Access Analyzer, fixed aws:PrincipalAccount, aws:PrincipalArn and aws:PrincipalOrgID conditions count as restricting." },
  { operation: 'PutBucketPolicy', text: "Principals that are users or roles of the bucket owner's account must exist (as on AWS); principals in other accounts are not checked." },
];
