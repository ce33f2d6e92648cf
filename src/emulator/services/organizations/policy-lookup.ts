/** Finding a policy by id and describing it (shared by policies, attachments and tags). */
import type * as ORG from '@aws-sdk/client-organizations';
import { arns, ERRORS } from './common.ts';
import type { Organization, OrgPolicy } from './state.ts';

export function findPolicy(org: Organization, policyId: string): OrgPolicy {
  const policy = org.policies.get(policyId);
  if (!policy) throw ERRORS.policyNotFound();
  return policy;
}

export function policySummary(org: Organization, policy: OrgPolicy): ORG.PolicySummary {
  return {
    Id: policy.id,
    Arn: arns.policy(org, policy.id, policy.type, policy.awsManaged),
    Name: policy.name,
    Description: policy.description,
    Type: policy.type,
    AwsManaged: policy.awsManaged,
  };
}
