/**
 * Differential test against moto_server for Organizations, Application Auto Scaling, Budgets and
 * Cost Explorer: the same calls to both, response shapes (members and their types), error codes
 * and statuses compared. Known differences are listed with the reason; anything else fails.
 * Skips visibly without moto. (moto has no cost allocation tags, so Cost Explorer is compared on
 * GetCostAndUsage only.)
 */
import * as A from '@aws-sdk/client-application-auto-scaling';
import * as B from '@aws-sdk/client-budgets';
import * as CE from '@aws-sdk/client-cost-explorer';
import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES, type RunningEmulator } from '../../../src/emulator/index.ts';
import { MOTO_AVAILABLE, shapeDiff, shapeOf, startMoto } from '../../support/moto.ts';
import { clientConfig, emulator } from './support.ts';

if (!MOTO_AVAILABLE) console.warn('org-cost-moto-differential.test.ts: SKIPPED — moto_server is not installed on this machine.');

const ACCOUNT = '123456789012';

/** Known, accepted differences: `+path` only we return, `-path` only moto returns, `~path` types differ. */
const STATUS = "The SDK's API model gives these errors HTTP 404/409 (@httpError) and the emulator answers with the model's status; moto answers 400 for every JSON error (botocore's model names no status).";
export const EXPECTED_DIFFERENCES: Record<string, { diffs: string[]; why: string }> = {
  'organizations:DescribeOrganization (none)': { diffs: ['error ours={"code":"AWSOrganizationsNotInUseException","status":404} moto={"code":"AWSOrganizationsNotInUseException","status":400}'], why: STATUS },
  'organizations:DescribePolicy (missing)': { diffs: ['error ours={"code":"PolicyNotFoundException","status":404} moto={"code":"PolicyNotFoundException","status":400}'], why: STATUS },
  'organizations:CreatePolicy (duplicate)': { diffs: ['error ours={"code":"DuplicatePolicyException","status":409} moto={"code":"DuplicatePolicyException","status":400}'], why: STATUS },
  'organizations:DeletePolicy (attached)': { diffs: ['error ours={"code":"PolicyInUseException","status":409} moto={"code":"PolicyInUseException","status":400}'], why: STATUS },
  'budgets:CreateBudget (duplicate)': { diffs: ['error ours={"code":"DuplicateRecordException","status":409} moto={"code":"DuplicateRecordException","status":400}'], why: STATUS },
  'budgets:DescribeBudget (missing)': { diffs: ['error ours={"code":"NotFoundException","status":404} moto={"code":"NotFoundException","status":400}'], why: STATUS },
  'budgets:DeleteBudget (missing)': { diffs: ['error ours={"code":"NotFoundException","status":404} moto={"code":"NotFoundException","status":400}'], why: STATUS },
  'organizations:CreateAccount': { diffs: ['-CreateAccountStatus.AccountId', '-CreateAccountStatus.CompletedTimestamp'], why: 'AWS answers CreateAccount with State IN_PROGRESS (no account id yet); moto creates the account at once and answers SUCCEEDED.' },
  'application-autoscaling:DescribeScalableTargets': { diffs: ['+ScalableTargets[].RoleARN', '+ScalableTargets[].SuspendedState'], why: "AWS always returns the target's RoleARN (the service-linked role when none was given) and its SuspendedState; moto omits both when they were not passed." },
  'application-autoscaling:DeleteScalingPolicy (missing)': { diffs: ['error ours={"code":"ObjectNotFoundException","status":400} moto={"code":"ValidationException","status":400}'], why: "AWS's API reference answers a missing policy with ObjectNotFoundException; moto uses ValidationException." },
  'application-autoscaling:DeregisterScalableTarget (missing)': { diffs: ['error ours={"code":"ObjectNotFoundException","status":400} moto={"code":"ValidationException","status":400}'], why: 'As above, for a missing scalable target.' },
  'budgets:DescribeNotificationsForBudget': { diffs: ['+Notifications[].NotificationState'], why: 'AWS reports each notification\'s NotificationState (OK until it fires); moto omits it.' },
};

type Clients = { org: O.OrganizationsClient; aas: A.ApplicationAutoScalingClient; budgets: B.BudgetsClient; ce: CE.CostExplorerClient };
type Outcome = { shape?: unknown; error?: { code: string; status?: number } };
/** Values one call hands the next (ids differ between the two emulators). */
type Memory = Record<string, string>;

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { shape: shapeOf(await fn()) };
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { error: { code: e.name, status: e.$metadata?.httpStatusCode } };
  }
}

const target = { ServiceNamespace: 'sagemaker' as const, ResourceId: 'endpoint/diff/variant/AllTraffic', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' as const };
const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] });
const alert: B.Notification = { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' };

const SCENARIO: [string, (c: Clients, m: Memory, advance: () => void) => Promise<unknown>][] = [
  ['organizations:DescribeOrganization (none)', (c) => c.org.send(new O.DescribeOrganizationCommand({}))],
  ['organizations:CreateOrganization', (c) => c.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }))],
  ['organizations:DescribeOrganization', (c) => c.org.send(new O.DescribeOrganizationCommand({}))],
  ['organizations:ListRoots', async (c, m) => {
    const out = await c.org.send(new O.ListRootsCommand({}));
    m.root = out.Roots![0]!.Id!;
    return out;
  }],
  ['organizations:EnablePolicyType', (c, m) => c.org.send(new O.EnablePolicyTypeCommand({ RootId: m.root, PolicyType: 'SERVICE_CONTROL_POLICY' }))],
  ['organizations:CreateOrganizationalUnit', async (c, m) => {
    const out = await c.org.send(new O.CreateOrganizationalUnitCommand({ ParentId: m.root, Name: 'ml' }));
    m.ou = out.OrganizationalUnit!.Id!;
    return out;
  }],
  ['organizations:DescribeOrganizationalUnit', (c, m) => c.org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: m.ou }))],
  ['organizations:ListOrganizationalUnitsForParent', (c, m) => c.org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: m.root }))],
  ['organizations:ListChildren', (c, m) => c.org.send(new O.ListChildrenCommand({ ParentId: m.root, ChildType: 'ORGANIZATIONAL_UNIT' }))],
  ['organizations:ListParents', (c, m) => c.org.send(new O.ListParentsCommand({ ChildId: m.ou }))],
  ['organizations:CreateAccount', async (c, m) => {
    const out = await c.org.send(new O.CreateAccountCommand({ Email: 'diff@example.com', AccountName: 'diff' }));
    m.request = out.CreateAccountStatus!.Id!;
    return out;
  }],
  ['organizations:DescribeCreateAccountStatus', async (c, m, advance) => {
    advance();
    const out = await c.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: m.request }));
    m.account = out.CreateAccountStatus!.AccountId!;
    return out;
  }],
  ['organizations:ListAccounts', (c) => c.org.send(new O.ListAccountsCommand({}))],
  ['organizations:DescribeAccount', (c, m) => c.org.send(new O.DescribeAccountCommand({ AccountId: m.account }))],
  ['organizations:MoveAccount', (c, m) => c.org.send(new O.MoveAccountCommand({ AccountId: m.account, SourceParentId: m.root, DestinationParentId: m.ou }))],
  ['organizations:ListAccountsForParent', (c, m) => c.org.send(new O.ListAccountsForParentCommand({ ParentId: m.ou }))],
  ['organizations:CreatePolicy', async (c, m) => {
    const out = await c.org.send(new O.CreatePolicyCommand({ Name: 'protect-trails', Description: 'd', Type: 'SERVICE_CONTROL_POLICY', Content: deny }));
    m.policy = out.Policy!.PolicySummary!.Id!;
    return out;
  }],
  ['organizations:CreatePolicy (duplicate)', (c) => c.org.send(new O.CreatePolicyCommand({ Name: 'protect-trails', Description: 'd', Type: 'SERVICE_CONTROL_POLICY', Content: deny }))],
  ['organizations:DescribePolicy', (c, m) => c.org.send(new O.DescribePolicyCommand({ PolicyId: m.policy }))],
  ['organizations:DescribePolicy (missing)', (c) => c.org.send(new O.DescribePolicyCommand({ PolicyId: 'p-zzzzzzzz' }))],
  ['organizations:UpdatePolicy', (c, m) => c.org.send(new O.UpdatePolicyCommand({ PolicyId: m.policy, Description: 'updated' }))],
  ['organizations:ListPolicies', (c) => c.org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))],
  ['organizations:AttachPolicy', (c, m) => c.org.send(new O.AttachPolicyCommand({ PolicyId: m.policy, TargetId: m.ou }))],
  ['organizations:ListPoliciesForTarget', (c, m) => c.org.send(new O.ListPoliciesForTargetCommand({ TargetId: m.ou, Filter: 'SERVICE_CONTROL_POLICY' }))],
  ['organizations:ListTargetsForPolicy', (c, m) => c.org.send(new O.ListTargetsForPolicyCommand({ PolicyId: m.policy }))],
  ['organizations:DeletePolicy (attached)', (c, m) => c.org.send(new O.DeletePolicyCommand({ PolicyId: m.policy }))],
  ['organizations:DetachPolicy', (c, m) => c.org.send(new O.DetachPolicyCommand({ PolicyId: m.policy, TargetId: m.ou }))],
  ['organizations:TagResource', (c, m) => c.org.send(new O.TagResourceCommand({ ResourceId: m.ou, Tags: [{ Key: 'team', Value: 'ml' }] }))],
  ['organizations:ListTagsForResource', (c, m) => c.org.send(new O.ListTagsForResourceCommand({ ResourceId: m.ou }))],
  ['organizations:RemoveAccountFromOrganization', (c, m) => c.org.send(new O.RemoveAccountFromOrganizationCommand({ AccountId: m.account }))],
  ['application-autoscaling:RegisterScalableTarget', (c) => c.aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 2, MaxCapacity: 4 }))],
  ['application-autoscaling:DescribeScalableTargets', (c) => c.aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }))],
  ['application-autoscaling:PutScalingPolicy', (c) => c.aas.send(new A.PutScalingPolicyCommand({ ...target, PolicyName: 'tt', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } } }))],
  ['application-autoscaling:DescribeScalingPolicies', (c) => c.aas.send(new A.DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }))],
  ['application-autoscaling:PutScheduledAction', (c) => c.aas.send(new A.PutScheduledActionCommand({ ...target, ScheduledActionName: 'nightly', Schedule: 'cron(0 22 * * ? *)', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 } }))],
  ['application-autoscaling:DescribeScheduledActions', (c) => c.aas.send(new A.DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }))],
  ['application-autoscaling:DeleteScheduledAction', (c) => c.aas.send(new A.DeleteScheduledActionCommand({ ...target, ScheduledActionName: 'nightly' }))],
  ['application-autoscaling:DeleteScalingPolicy', (c) => c.aas.send(new A.DeleteScalingPolicyCommand({ ...target, PolicyName: 'tt' }))],
  ['application-autoscaling:DeleteScalingPolicy (missing)', (c) => c.aas.send(new A.DeleteScalingPolicyCommand({ ...target, PolicyName: 'tt' }))],
  ['application-autoscaling:DeregisterScalableTarget', (c) => c.aas.send(new A.DeregisterScalableTargetCommand(target))],
  ['application-autoscaling:DeregisterScalableTarget (missing)', (c) => c.aas.send(new A.DeregisterScalableTargetCommand(target))],
  ['budgets:CreateBudget', (c) => c.budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: { BudgetName: 'ml', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '100', Unit: 'USD' } }, NotificationsWithSubscribers: [{ Notification: alert, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ml@example.com' }] }] }))],
  ['budgets:CreateBudget (duplicate)', (c) => c.budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: { BudgetName: 'ml', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '100', Unit: 'USD' } } }))],
  ['budgets:DescribeBudget', (c) => c.budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'ml' }))],
  ['budgets:DescribeBudget (missing)', (c) => c.budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'nope' }))],
  ['budgets:DescribeBudgets', (c) => c.budgets.send(new B.DescribeBudgetsCommand({ AccountId: ACCOUNT }))],
  ['budgets:CreateNotification', (c) => c.budgets.send(new B.CreateNotificationCommand({ AccountId: ACCOUNT, BudgetName: 'ml', Notification: { ...alert, Threshold: 100 }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'lead@example.com' }] }))],
  ['budgets:DescribeNotificationsForBudget', (c) => c.budgets.send(new B.DescribeNotificationsForBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'ml' }))],
  ['budgets:DeleteNotification', (c) => c.budgets.send(new B.DeleteNotificationCommand({ AccountId: ACCOUNT, BudgetName: 'ml', Notification: { ...alert, Threshold: 100 } }))],
  ['budgets:DeleteBudget', (c) => c.budgets.send(new B.DeleteBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'ml' }))],
  ['budgets:DeleteBudget (missing)', (c) => c.budgets.send(new B.DeleteBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'ml' }))],
  ['ce:GetCostAndUsage', (c) => c.ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }))],
];

async function runScenario(url: string, advance: () => void): Promise<Map<string, Outcome>> {
  const config = clientConfig(url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' });
  const clients: Clients = { org: new O.OrganizationsClient(config), aas: new A.ApplicationAutoScalingClient(config), budgets: new B.BudgetsClient(config), ce: new CE.CostExplorerClient(config) };
  const memory: Memory = {};
  const results = new Map<string, Outcome>();
  for (const [name, call] of SCENARIO) results.set(name, await outcome(() => call(clients, memory, advance)));
  return results;
}

describe.skipIf(!MOTO_AVAILABLE)('differential: Organizations, Application Auto Scaling, Budgets, Cost Explorer vs moto_server', { timeout: 120_000 }, () => {
  let emu: RunningEmulator;
  let moto: { url: string; stop(): Promise<void> };
  let ours: Map<string, Outcome>;
  let theirs: Map<string, Outcome>;
  let offset = 0;
  beforeAll(async () => {
    // Without SageMaker, the target needs no endpoint (moto checks none either).
    [emu, moto] = await Promise.all([emulator({ now: () => Date.now() + offset, services: BUILTIN_SERVICES.filter((s) => s.id !== 'sagemaker') }), startMoto()]);
    [ours, theirs] = await Promise.all([runScenario(emu.url, () => (offset += 3_000)), runScenario(moto.url, () => {})]);
  });
  afterAll(async () => Promise.all([emu?.stop(), moto?.stop()]));

  it('gives the same response shapes, error codes and statuses, apart from the listed differences', () => {
    const found: Record<string, string[]> = {};
    for (const [name] of SCENARIO) {
      const a = ours.get(name)!;
      const b = theirs.get(name)!;
      const diffs = a.error || b.error ? (JSON.stringify(a.error) === JSON.stringify(b.error) ? [] : [`error ours=${JSON.stringify(a.error ?? null)} moto=${JSON.stringify(b.error ?? null)}`]) : shapeDiff(a.shape, b.shape);
      if (diffs.length) found[name] = diffs;
    }
    const unexpected: Record<string, string[]> = {};
    for (const [name, diffs] of Object.entries(found)) {
      const rest = diffs.filter((d) => !(EXPECTED_DIFFERENCES[name]?.diffs ?? []).includes(d));
      if (rest.length) unexpected[name] = rest;
    }
    console.log(`moto differential (organizations, application-autoscaling, budgets, ce): ${SCENARIO.length} calls, ${Object.keys(found).length} with known differences`);
    expect(unexpected).toEqual({});
  });
});
