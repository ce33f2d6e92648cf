/**
 * Who is calling: the identity a request's access key resolves to. Shapes follow what
 * GetCallerIdentity and CloudTrail's `userIdentity` report, so part of the emulator that records or
 * authorizes calls can read everything from here.
 */

export type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'Anonymous';

export interface SessionContext {
  /** ISO time the temporary credentials were issued. */
  readonly issuedAt: string;
  /** The role an AssumedRole session belongs to (CloudTrail's sessionIssuer). */
  readonly roleArn?: string;
  readonly roleId?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly sourceIdentity?: string;
  /** Inline session policy passed to AssumeRole/GetFederationToken (JSON text). */
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  /** Session tags passed to AssumeRole. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly mfaAuthenticated?: boolean;
}

export interface Principal {
  readonly type: PrincipalType;
  readonly accountId: string;
  /** e.g. arn:aws:iam::123456789012:user/alice, arn:aws:sts::123456789012:assumed-role/R/s */
  readonly arn: string;
  /** GetCallerIdentity's UserId: the account id (root), AIDA… (user), AROA…:session (role). */
  readonly userId: string;
  /** The access key the request was signed with (absent for anonymous requests). */
  readonly accessKeyId?: string;
  readonly userName?: string;
  /** Present for temporary credentials (AssumeRole, GetSessionToken). */
  readonly session?: SessionContext;
}

export function rootPrincipal(accountId: string, accessKeyId?: string): Principal {
  return { type: 'Root', accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, accessKeyId };
}

export function anonymousPrincipal(accountId: string): Principal {
  return { type: 'Anonymous', accountId, arn: '*', userId: 'anonymous' };
}
