/**
 * SageMaker assumes the execution role a notebook, job or model names; AWS refuses the request
 * when the role does not exist or its trust policy does not let `sagemaker.amazonaws.com` assume
 * it. The emulator checks the same against IAM's state, with the context SageMaker sends
 * (aws:SourceAccount, aws:SourceArn), so a confused-deputy condition in the trust policy works.
 * Roles of accounts the emulator knows nothing about are accepted (nothing to check against).
 */
import type { RequestContext } from '../../core/context.ts';
import { authorize } from '../../policy/index.ts';
import type { IamState } from '../iam/state.ts';
import { validation } from './common.ts';

const SERVICE = 'sagemaker.amazonaws.com';

/**
 * Whether a trust policy lets SageMaker assume the role for a resource of `sourceArn`: the IAM
 * policy engine (src/emulator/policy/) evaluates sts:AssumeRole by the service principal, with the
 * aws:SourceAccount and aws:SourceArn SageMaker sends, so confused-deputy conditions work with every
 * condition operator.
 */
export function trustsSageMaker(document: string, sourceAccount: string, sourceArn: string, roleArn = `arn:aws:iam::${sourceAccount}:role/execution-role`): boolean {
  try {
    return authorize(
      { principal: { type: 'service', arn: SERVICE }, action: 'sts:AssumeRole', resource: roleArn, context: { 'aws:SourceAccount': sourceAccount, 'aws:SourceArn': sourceArn } },
      { resourcePolicy: { name: 'AssumeRolePolicyDocument', arn: roleArn, document, kind: 'trust' } },
    ).decision === 'allowed';
  } catch {
    // A trust policy the engine cannot read trusts no one.
    return false;
  }
}

/** Throws AWS's ValidationException when SageMaker could not assume `roleArn` for the resource `sourceArn`. */
export function checkExecutionRole(ctx: RequestContext, roleArn: string, sourceArn: string): void {
  if (!ctx.hasService('iam')) return;
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return;
  const [, account, name] = m as unknown as [string, string, string];
  if (account !== ctx.accountId && !ctx.accountIds().includes(account)) return;
  const role = ctx.stateOf<IamState>('iam', account).roles.get(name);
  if (!role || !trustsSageMaker(role.assumeRolePolicyDocument, ctx.accountId, sourceArn, role.arn)) {
    throw validation(`Could not assume role ${roleArn}. Please ensure that the role exists and allows principal '${SERVICE}' to assume the role.`);
  }
}
