/**
 * The AWS CLI against the emulator for the commands the guardrails and cost labs use:
 * `aws organizations …` (an organization, an OU, a new account, SCPs and their errors),
 * `aws application-autoscaling …` (a SageMaker variant with target tracking), `aws budgets …` and
 * `aws ce list-cost-allocation-tags` / `update-cost-allocation-tags-status`.
 * Skips — visibly — when the `aws` command is not installed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES } from '../../../src/emulator/index.ts';
import { AWS_CLI, AWS_CLI_AVAILABLE as available, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { type Clocked, clockedEmulator, MANAGEMENT } from './org-cost-support.ts';

const cliVersion = available ? spawnSync(AWS_CLI!, ['--version'], { encoding: 'utf8' }) : undefined;
if (!available) console.warn(awsCliSkipMessage('org-cost-cli.test.ts'));

describe.skipIf(!available)(available ? `AWS CLI (${(cliVersion!.stdout || cliVersion!.stderr || '').trim().split(' ')[0]}): organizations, application-autoscaling, budgets, ce` : awsCliSkipMessage('AWS CLI: organizations, application-autoscaling, budgets, ce'), { timeout: 180_000 }, () => {
  let c: Clocked;
  let cli: AwsCli;
  let dir: string;

  beforeAll(async () => {
    c = await clockedEmulator({ services: BUILTIN_SERVICES.filter((s) => s.id !== 'sagemaker') });
    cli = new AwsCli(c.emu.url, { secretAccessKey: 'secret' });
    dir = cli.dir;
  });
  afterAll(async () => {
    await c.emu.stop();
    cli.dispose();
  });

  /** `aws --endpoint-url … <args>` as an account (key id = account id), with no user configuration. */
  async function aws(args: string[], account = MANAGEMENT) {
    const result = await cli.run(args, { accessKeyId: account });
    return { code: result.code, stderr: result.stderr, json: result.code === 0 ? result.json : undefined };
  }

  const file = (name: string, content: unknown) => {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return `file://${join(dir, name)}`;
  };

  it('organizations: an organization, an OU, a new account and a guardrail SCP', async () => {
    const created = await aws(['organizations', 'create-organization', '--feature-set', 'ALL']);
    expect(created.json.Organization.MasterAccountId).toBe(MANAGEMENT);
    const rootId = (await aws(['organizations', 'list-roots'])).json.Roots[0].Id;
    expect((await aws(['organizations', 'enable-policy-type', '--root-id', rootId, '--policy-type', 'SERVICE_CONTROL_POLICY'])).json.Root.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    const ou = (await aws(['organizations', 'create-organizational-unit', '--parent-id', rootId, '--name', 'ml-workloads'])).json.OrganizationalUnit.Id;
    const request = (await aws(['organizations', 'create-account', '--email', 'ml-dev@example.com', '--account-name', 'ml-dev'])).json.CreateAccountStatus;
    expect(request.State).toBe('IN_PROGRESS');
    c.advance(3_000);
    const status = (await aws(['organizations', 'describe-create-account-status', '--create-account-request-id', request.Id])).json.CreateAccountStatus;
    expect(status.State).toBe('SUCCEEDED');
    expect((await aws(['organizations', 'move-account', '--account-id', status.AccountId, '--source-parent-id', rootId, '--destination-parent-id', ou])).code).toBe(0);
    expect((await aws(['organizations', 'list-accounts-for-parent', '--parent-id', ou])).json.Accounts.map((a: { Name: string }) => a.Name)).toEqual(['ml-dev']);
    const content = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' }] };
    const policy = (await aws(['organizations', 'create-policy', '--name', 'protect-trails', '--description', 'Keep CloudTrail on', '--type', 'SERVICE_CONTROL_POLICY', '--content', file('scp.json', content)])).json.Policy;
    expect(JSON.parse(policy.Content)).toEqual(content);
    expect((await aws(['organizations', 'attach-policy', '--policy-id', policy.PolicySummary.Id, '--target-id', ou])).code).toBe(0);
    expect((await aws(['organizations', 'list-policies-for-target', '--target-id', ou, '--filter', 'SERVICE_CONTROL_POLICY'])).json.Policies.map((p: { Name: string }) => p.Name)).toEqual(['FullAWSAccess', 'protect-trails']);
    const last = await aws(['organizations', 'detach-policy', '--policy-id', 'p-FullAWSAccess', '--target-id', status.AccountId]);
    expect(last.code).not.toBe(0);
    expect(last.stderr).toContain('An error occurred (ConstraintViolationException) when calling the DetachPolicy operation: You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.');
    const principal = await aws(['organizations', 'create-policy', '--name', 'bad', '--description', '', '--type', 'SERVICE_CONTROL_POLICY', '--content', file('bad.json', { Statement: { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' } })]);
    expect(principal.stderr).toContain('An error occurred (MalformedPolicyDocumentException) when calling the CreatePolicy operation: The provided policy document does not meet the requirements of the specified policy type.');
    const member = await aws(['organizations', 'list-accounts'], status.AccountId);
    expect(member.stderr).toContain("An error occurred (AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource.");
    expect((await aws(['organizations', 'describe-organization'], status.AccountId)).json.Organization.MasterAccountId).toBe(MANAGEMENT);
  });

  it('application-autoscaling: a SageMaker variant with target tracking on invocations per instance', async () => {
    const target = ['--service-namespace', 'sagemaker', '--resource-id', 'endpoint/churn/variant/AllTraffic', '--scalable-dimension', 'sagemaker:variant:DesiredInstanceCount'];
    expect((await aws(['application-autoscaling', 'register-scalable-target', ...target, '--min-capacity', '2', '--max-capacity', '6'])).json.ScalableTargetARN).toMatch(/:scalable-target\//);
    const config = { TargetValue: 70.0, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' }, ScaleInCooldown: 300, ScaleOutCooldown: 60 };
    const policy = (await aws(['application-autoscaling', 'put-scaling-policy', ...target, '--policy-name', 'invocations', '--policy-type', 'TargetTrackingScaling', '--target-tracking-scaling-policy-configuration', file('tt.json', config)])).json;
    expect(policy.Alarms.map((a: { AlarmName: string }) => a.AlarmName.replace(/[0-9a-f-]{36}$/, 'uuid'))).toEqual(['TargetTracking-endpoint/churn/variant/AllTraffic-AlarmHigh-uuid', 'TargetTracking-endpoint/churn/variant/AllTraffic-AlarmLow-uuid']);
    const targets = (await aws(['application-autoscaling', 'describe-scalable-targets', '--service-namespace', 'sagemaker'])).json.ScalableTargets;
    expect(targets.map((t: { MinCapacity: number; MaxCapacity: number }) => [t.MinCapacity, t.MaxCapacity])).toEqual([[2, 6]]);
    expect((await aws(['application-autoscaling', 'describe-scaling-policies', '--service-namespace', 'sagemaker'])).json.ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration).toEqual(config);
    const missing = await aws(['application-autoscaling', 'delete-scaling-policy', ...target, '--policy-name', 'nope']);
    expect(missing.stderr).toContain('An error occurred (ObjectNotFoundException) when calling the DeleteScalingPolicy operation: No scaling policy found for service namespace: sagemaker, resource ID: endpoint/churn/variant/AllTraffic, scalable dimension: sagemaker:variant:DesiredInstanceCount, policy name: nope');
  });

  it('budgets: a monthly cost budget with an e-mail alert', async () => {
    const budget = { BudgetName: 'ml-monthly', BudgetLimit: { Amount: '200', Unit: 'USD' }, TimeUnit: 'MONTHLY', BudgetType: 'COST' };
    const alerts = [{ Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ml-team@example.com' }] }];
    expect((await aws(['budgets', 'create-budget', '--account-id', MANAGEMENT, '--budget', file('budget.json', budget), '--notifications-with-subscribers', file('alerts.json', alerts)])).code).toBe(0);
    const listed = (await aws(['budgets', 'describe-budgets', '--account-id', MANAGEMENT])).json.Budgets;
    expect(listed.map((b: { BudgetName: string; BudgetLimit: unknown }) => [b.BudgetName, b.BudgetLimit])).toEqual([['ml-monthly', { Amount: '200', Unit: 'USD' }]]);
    expect((await aws(['budgets', 'describe-notifications-for-budget', '--account-id', MANAGEMENT, '--budget-name', 'ml-monthly'])).json.Notifications[0].Threshold).toBe(80);
    const other = await aws(['budgets', 'describe-budgets', '--account-id', '999999999999']);
    expect(other.stderr).toContain(`An error occurred (AccessDeniedException) when calling the DescribeBudgets operation: User: arn:aws:iam::${MANAGEMENT}:root is not authorized to perform: budgets:ViewBudget`);
  });

  it('ce: lists cost allocation tags and activates them', async () => {
    await aws(['s3api', 'create-bucket', '--bucket', 'cli-training-data']);
    await aws(['s3api', 'put-bucket-tagging', '--bucket', 'cli-training-data', '--tagging', 'TagSet=[{Key=Project,Value=churn},{Key=CostCenter,Value=ml}]']);
    expect((await aws(['ce', 'list-cost-allocation-tags'])).json.CostAllocationTags.map((t: { TagKey: string; Status: string }) => [t.TagKey, t.Status])).toEqual([['CostCenter', 'Inactive'], ['Project', 'Inactive']]);
    const updated = await aws(['ce', 'update-cost-allocation-tags-status', '--cost-allocation-tags-status', 'TagKey=Project,Status=Active', 'TagKey=Nope,Status=Active']);
    expect(updated.json.Errors.map((e: { TagKey: string }) => e.TagKey)).toEqual(['Nope']);
    expect((await aws(['ce', 'list-cost-allocation-tags', '--status', 'Active'])).json.CostAllocationTags.map((t: { TagKey: string }) => t.TagKey)).toEqual(['Project']);
  });
});
