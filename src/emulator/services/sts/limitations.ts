/** Where the emulated STS knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const STS_LIMITATIONS: readonly Limitation[] = [
  {
    operation: 'AssumeRole',
    text: "The role's trust policy is evaluated (principals, actions, explicit deny, String/Arn/Bool/Null conditions on sts:ExternalId, sts:RoleSessionName, aws:PrincipalArn, aws:PrincipalAccount …); the caller's own identity policies are not consulted unless IAM enforcement is on.",
  },
  {
    operation: 'AssumeRole',
    text: "An account's root credentials may assume roles that trust the account (AWS refuses root: \"Roles may not be assumed by root accounts\"), so LocalStack-style credentials such as `test`/`test` work.",
  },
  { operation: 'AssumeRole', text: 'MFA (SerialNumber/TokenCode) is not verified; a TokenCode only sets aws:MultiFactorAuthPresent.' },
  { operation: 'GetSessionToken', text: 'MFA is not verified.' },
];
