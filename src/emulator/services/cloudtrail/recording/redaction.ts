/**
 * What never reaches a CloudTrail record. AWS leaves secrets out of `requestParameters` and
 * `responseElements` or replaces them with `HIDDEN_DUE_TO_SECURITY_REASONS`; the emulator does:
 *
 *  1. A member AWS's API model marks `@sensitive` (directly or through its type: SecretString,
 *     SecretBinary, Plaintext, SecretAccessKey, Password, NewPassword, OldPassword, PrivateKey,
 *     SSE-C keys …) → the string
 *     `HIDDEN_DUE_TO_SECURITY_REASONS`. Exception: members naming a KMS key (`…KeyId`, `…KeyArn`),
 *     which S3's model marks sensitive but which are identifiers, not secrets.
 *  2. A member with one of the names in SECRET_MEMBER_NAMES, whatever the model says (STS's
 *     `SessionToken` is not marked sensitive, yet is a credential) → `HIDDEN_DUE_TO_SECURITY_REASONS`.
 *  3. Every blob (S3 object bodies, KMS plaintexts and ciphertexts, SecretBinary) → left out.
 * What AWS does not mark sensitive is recorded as sent — a password pasted into a notebook lifecycle
 * script or a training job's environment shows up in the record, as it would on AWS.
 * docs/emulator-cloudtrail.md repeats this list; keep them in step.
 */
import type { Member } from '../../../schema/shapes.ts';

export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

export const SECRET_MEMBER_NAMES: ReadonlySet<string> = new Set([
  'secretstring',
  'secretbinary',
  'plaintext',
  'password',
  'newpassword',
  'oldpassword',
  'secretaccesskey',
  'sessiontoken',
  'privatekey',
  'privatekeyplaintext',
  'clientsecret',
  'randompassword',
]);

const KEY_IDENTIFIER = /(KeyId|KeyID|KeyArn)$/;

/** Whether a member's value must be hidden. */
export function isSecretMember(member: Member): boolean {
  if (SECRET_MEMBER_NAMES.has(member.name.toLowerCase())) return true;
  return member.traits.sensitive === true && !KEY_IDENTIFIER.test(member.name);
}
