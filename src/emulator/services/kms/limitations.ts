/** Where the emulated KMS knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const KMS_LIMITATIONS: readonly Limitation[] = [
  { text: 'Symmetric encryption keys only (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS, single-Region). Other key specs, imported key material, custom key stores and multi-Region keys answer UnsupportedOperationException naming what is not emulated.' },
  { text: 'Cryptography is real (AES-256-GCM under per-key material generated at creation and persisted; the encryption context is authenticated), but the ciphertext blob format is the emulator\'s own: blobs from AWS do not decrypt here and ours do not decrypt on AWS.' },
  { text: 'Key policies are stored as written and checked on write (size, characters, JSON and statement grammar, principals, the lockout safety check). Before IAM enforcement is switched on they are applied in two places only: another account may use a key only when the key policy names it, and AWS managed keys may be used for cryptography only through their service (kms:ViaService), as their key policies say. Conditions are not evaluated by these checks.' },
  { text: 'MalformedPolicyDocumentException messages for JSON syntax, statement grammar and disallowed characters are the emulator\'s wording; "Policy contains a statement with one or more invalid principals." and "The new key policy will not allow you to update the key policy in the future." are AWS\'s. Principal existence is checked for IAM users and roles of the caller\'s own account.' },
  { text: 'AWS managed keys exist for alias/aws/s3, ebs, lambda, ssm, rds, glue, secretsmanager and dynamodb (created on first use, with the key policies AWS attaches to them); other alias/aws/ names are refused like any reserved alias.' },
  { text: 'Time passes lazily: a key whose deletion date has passed is deleted, and due automatic rotation happens, when the key is next looked at.' },
  { operation: 'RotateKeyOnDemand', text: 'The rotation completes immediately (OnDemandRotationStartDate is never reported).' },
  { operation: 'Decrypt', text: 'Decrypting a blob whose key has been deleted answers NotFoundException naming the key ARN. Recipient (Nitro Enclaves) is not supported.' },
  { operation: 'CreateAlias', text: 'Names beginning with alias/aws/ answer NotAuthorizedException with an explanatory message.' },
];
