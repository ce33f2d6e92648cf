import type { GuardPolicy } from './target.ts';

/** Who the target says we are, checked against the allow-lists before any call is let through. */
export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
  region: string;
  /** `aws`, `aws-cn`, `aws-us-gov` — from the ARN. */
  partition: string;
}

/** Refusal to touch an account or region that is not allow-listed. Names what was seen. */
export class SandboxRefusedError extends Error {
  readonly accountId: string;
  readonly region: string;
  constructor(message: string, accountId: string, region: string) {
    super(message);
    this.name = 'SandboxRefusedError';
    this.accountId = accountId;
    this.region = region;
  }
}

/**
 * The sandbox guard's decision, a pure function so it is tested exhaustively: the account STS
 * returned must be allow-listed and the region must be too, when the policy restricts them.
 */
export function checkSandbox(identity: { Account?: string; Arn?: string; UserId?: string }, region: string, policy: GuardPolicy): CallerIdentity {
  const accountId = identity.Account ?? '';
  const arn = identity.Arn ?? '';
  if (!/^\d{12}$/.test(accountId)) {
    throw new SandboxRefusedError(`Refusing to continue: STS GetCallerIdentity returned no valid account id (got "${accountId}"), so the account cannot be verified. Nothing was changed.`, accountId, region);
  }
  if (policy.allowedAccounts && !policy.allowedAccounts.includes(accountId)) {
    throw new SandboxRefusedError(
      `Refusing to touch AWS account ${accountId} (${arn || 'unknown identity'}): it is not in ${policy.source.includes('MLSEC_ALLOWED_ACCOUNTS') ? 'MLSEC_ALLOWED_ACCOUNTS' : 'the allow-list'} (${policy.allowedAccounts.join(', ')}). Nothing was changed. If this really is your sandbox account, add it to MLSEC_ALLOWED_ACCOUNTS.`,
      accountId,
      region,
    );
  }
  if (policy.allowedRegions && !policy.allowedRegions.includes(region)) {
    throw new SandboxRefusedError(
      `Refusing to work in region ${region} of account ${accountId}: it is not in MLSEC_ALLOWED_REGIONS (${policy.allowedRegions.join(', ')}). Nothing was changed. Set MLSEC_REGION to an allowed region or extend MLSEC_ALLOWED_REGIONS.`,
      accountId,
      region,
    );
  }
  const partition = arn.split(':')[1] || 'aws';
  return { accountId, arn, userId: identity.UserId ?? '', region, partition };
}
