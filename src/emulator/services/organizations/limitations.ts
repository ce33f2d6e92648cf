/** Where the emulated AWS Organizations knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const ORGANIZATIONS_LIMITATIONS: readonly Limitation[] = [
  { text: 'Policy types: SERVICE_CONTROL_POLICY and TAG_POLICY. Other types (RESOURCE_CONTROL_POLICY, BACKUP_POLICY …) are refused with InvalidInputException (INVALID_ENUM_POLICY_TYPE) naming the emulated ones.' },
  { text: 'Tag policies are stored and attached, but their content is only checked to be one JSON object (no effective-policy computation, no tag enforcement).' },
  { text: 'SCPs are stored and validated here; they restrict calls only when IAM enforcement is on, which reads them through `serviceControlPolicies()` (scp-hierarchy.ts).' },
  { text: 'Quotas follow AWS after 2026-05-15: SCPs up to 10,240 characters and ten SCPs attached per target; ten accounts per organization (the default quota, not raisable here); OUs five levels deep, 2,000 per organization.' },
  { text: 'The management account is named after the IAM account alias (or "Management account") and gets the e-mail address aws+<account id>@example.com; invited accounts are named "Account <id>".' },
  { text: 'Management-only operations refuse member accounts with AccessDeniedException; delegated administrators, trusted service access and resource policies are not emulated.' },
  { text: 'Resetting one account (POST /_mlsec/reset?account=…) leaves the other side of its organization as is: a reset member still appears in the management account\'s ListAccounts but no longer belongs to the organization from its own side; a reset management account leaves its members without an organization.' },
  { operation: 'CreateAccount', text: 'Creates a new emulator account at once, with the OrganizationAccountAccessRole (or RoleName) trusting the management account and AdministratorAccess attached; the request reports IN_PROGRESS for 3 seconds (request clock), then SUCCEEDED, or FAILED with EMAIL_ALREADY_EXISTS / ACCOUNT_LIMIT_EXCEEDED. IamUserAccessToBilling is accepted and ignored.' },
  { operation: 'RemoveAccountFromOrganization', text: 'No minimum account age and no standalone-account checks (payment method, contact information); the account stays an emulator account.' },
  { operation: 'InviteAccountToOrganization', text: 'Invites by account id (Target Type ACCOUNT) only; EMAIL targets are refused.' },
  { operation: 'DetachPolicy', text: "Detaching the last SCP of a target answers ConstraintViolationException (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED) with the reason's documented description as its message." },
];
