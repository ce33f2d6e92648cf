/**
 * The resolver of each service: what a call of that service must be allowed to do. Services
 * without one (EC2, Organizations, Application Auto Scaling, Cost Explorer) are authorized on `*`,
 * which is AWS's resource for most of their operations and is listed as a limitation for the rest.
 */
import type { AccessCheck, Resolver, ResolverCall } from '../access-check.ts';
import { actionFor } from '../action-names.ts';
import { requestTagContext } from '../request-tags.ts';
import { iamChecks, stsChecks } from './iam-sts.ts';
import { kmsChecks } from './kms.ts';
import { cloudTrailChecks, cloudWatchChecks, eventsChecks, logsChecks } from './monitoring.ts';
import { passRoleChecks } from './pass-role.ts';
import { s3Checks, s3ControlChecks } from './s3.ts';
import { sagemakerChecks, sagemakerRuntimeChecks } from './sagemaker.ts';
import { secretsManagerChecks } from './secretsmanager.ts';

function anyResource(call: ResolverCall): AccessCheck[] {
  const context = {};
  requestTagContext(call.input, context);
  return [{ action: actionFor(call.service, call.operation, call.input), resource: '*', context }];
}

function budgetChecks(call: ResolverCall): AccessCheck[] {
  const name = call.input.BudgetName;
  const account = typeof call.input.AccountId === 'string' ? call.input.AccountId : call.accountId;
  const check = anyResource(call)[0]!;
  return [typeof name === 'string' ? { ...check, resource: `arn:aws:budgets::${account}:budget/${name}`, resourceAccount: account } : check];
}

function autoScalingChecks(call: ResolverCall): AccessCheck[] {
  const checks = anyResource(call);
  if (call.operation === 'RegisterScalableTarget') checks.push(...passRoleChecks(call, ['RoleARN'], 'application-autoscaling.amazonaws.com'));
  return checks;
}

export const RESOLVERS: Readonly<Record<string, Resolver>> = {
  s3: s3Checks,
  s3control: s3ControlChecks,
  kms: kmsChecks,
  secretsmanager: secretsManagerChecks,
  iam: iamChecks,
  sts: stsChecks,
  sagemaker: sagemakerChecks,
  'sagemaker-runtime': sagemakerRuntimeChecks,
  cloudtrail: cloudTrailChecks,
  cloudwatch: cloudWatchChecks,
  logs: logsChecks,
  events: eventsChecks,
  budgets: budgetChecks,
  'application-autoscaling': autoScalingChecks,
};

/** The checks a call needs: its service's resolver, or the operation's action on `*`. */
export function checksFor(call: ResolverCall): AccessCheck[] {
  return (RESOLVERS[call.service] ?? anyResource)(call);
}
