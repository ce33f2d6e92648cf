/**
 * CloudTrail's `userIdentity` element from the principal a call was signed as, and the user name
 * LookupEvents reports and searches (`Username`): `root` for the root user, the user's name for an
 * IAM user, the session name for an assumed role.
 */
import type { Principal } from '../../../auth/principal.ts';

export interface SessionIssuer {
  type: 'Role' | 'IAMUser' | 'Root';
  principalId: string;
  arn: string;
  accountId: string;
  userName: string;
}

export interface UserIdentity {
  type: 'Root' | 'IAMUser' | 'AssumedRole' | 'AWSAccount' | 'AWSService' | 'FederatedUser';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: {
    sessionIssuer?: SessionIssuer;
    webIdFederationData?: Record<string, never>;
    attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
    sourceIdentity?: string;
  };
  invokedBy?: string;
}

/** CloudTrail's timestamps: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(date: Date | string | number): string {
  return `${new Date(date).toISOString().slice(0, 19)}Z`;
}

function attributes(principal: Principal): { creationDate: string; mfaAuthenticated: 'true' | 'false' } {
  return { creationDate: isoSeconds(principal.session!.issuedAt), mfaAuthenticated: principal.session?.mfaAuthenticated ? 'true' : 'false' };
}

export function userIdentityOf(principal: Principal): UserIdentity {
  switch (principal.type) {
    case 'Anonymous':
      return { type: 'AWSAccount', principalId: '', accountId: 'anonymous' };
    case 'Root': {
      const identity: UserIdentity = { type: 'Root', principalId: principal.accountId, arn: principal.arn, accountId: principal.accountId, accessKeyId: principal.accessKeyId };
      if (principal.session) identity.sessionContext = { attributes: attributes(principal) };
      return identity;
    }
    case 'IAMUser': {
      const identity: UserIdentity = {
        type: 'IAMUser',
        principalId: principal.userId,
        arn: principal.arn,
        accountId: principal.accountId,
        accessKeyId: principal.accessKeyId,
        userName: principal.userName,
      };
      // Temporary credentials of a user (GetSessionToken) carry a session context; long-term keys do not.
      if (principal.session) identity.sessionContext = { attributes: attributes(principal) };
      return identity;
    }
    case 'AssumedRole': {
      const session = principal.session;
      const roleArn = session?.roleArn ?? '';
      const identity: UserIdentity = {
        type: 'AssumedRole',
        principalId: principal.userId,
        arn: principal.arn,
        accountId: principal.accountId,
        accessKeyId: principal.accessKeyId,
      };
      if (session) {
        identity.sessionContext = {
          sessionIssuer: {
            type: 'Role',
            principalId: session.roleId ?? principal.userId.split(':')[0]!,
            arn: roleArn,
            accountId: principal.accountId,
            userName: session.roleName ?? roleArn.split('/').pop() ?? '',
          },
          webIdFederationData: {},
          attributes: attributes(principal),
        };
        if (session.sourceIdentity) identity.sessionContext.sourceIdentity = session.sourceIdentity;
      }
      return identity;
    }
  }
  return { type: 'AWSAccount', principalId: principal.userId, accountId: principal.accountId };
}

/** LookupEvents' `Username` for an event. */
export function usernameOf(identity: UserIdentity): string | undefined {
  switch (identity.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return identity.userName;
    case 'AssumedRole':
      return identity.arn?.split('/').pop();
    case 'AWSService':
      return identity.invokedBy;
    default:
      return undefined;
  }
}
