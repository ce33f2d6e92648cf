/**
 * Organizations, Application Auto Scaling, Budgets and Cost Explorer in the embedded emulator:
 *   - the SCP hierarchy IAM enforcement reads on every request (an account five OUs deep with ten
 *     SCPs at each of its seven levels), and one policy-engine decision over it — enforcement's
 *     budget is 0.5 ms per call;
 *   - calls through the SDK over HTTP: CreatePolicy with a 10 KB SCP (grammar checks),
 *     DescribeScalableTargets over 100 targets, DescribeBudgets, and ListCostAllocationTags
 *     discovering keys on 1,000 tagged buckets.
 */
import * as A from '@aws-sdk/client-application-auto-scaling';
import * as B from '@aws-sdk/client-budgets';
import * as CE from '@aws-sdk/client-cost-explorer';
import * as O from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { Emulator } from '../../src/emulator/emulator.ts';
import { authorize } from '../../src/emulator/policy/index.ts';
import { serviceControlPoliciesInWorld } from '../../src/emulator/services/organizations/scp-hierarchy.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const MANAGEMENT = '111122223333';

function config(url: string, account = MANAGEMENT) {
  return { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' }, maxAttempts: 1 };
}

const statement = (i: number) => ({ Sid: `Guard${i}`, Effect: 'Deny', Action: [`s3:Delete${i}*`, 'cloudtrail:StopLogging'], Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': `team-${i}` } } });

async function run(): Promise<BenchRow[]> {
  let t = Date.parse('2026-11-26T10:00:00Z');
  const emulator = new Emulator({ port: 0, warmUp: false, log: () => {}, now: () => t });
  await emulator.start();
  const rows: BenchRow[] = [];
  try {
    const org = new O.OrganizationsClient(config(emulator.url));
    await org.send(new O.CreateOrganizationCommand({}));
    const rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    let parent = rootId;
    const levels = [rootId];
    for (let depth = 1; depth <= 5; depth++) {
      parent = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: parent, Name: `level-${depth}` }))).OrganizationalUnit!.Id!;
      levels.push(parent);
    }
    const request = (await org.send(new O.CreateAccountCommand({ AccountName: 'deep', Email: 'deep@example.com' }))).CreateAccountStatus!.Id!;
    t += 3_000;
    const member = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request }))).CreateAccountStatus!.AccountId!;
    await org.send(new O.MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: parent }));
    levels.push(member);
    let n = 0;
    for (const target of levels) {
      for (let i = 0; i < 9; i++) {
        const id = (await org.send(new O.CreatePolicyCommand({ Name: `scp-${n++}`, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify({ Version: '2012-10-17', Statement: [statement(i), statement(i + 10)] }) }))).Policy!.PolicySummary!.Id!;
        await org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: target }));
      }
    }
    const hierarchy = serviceControlPoliciesInWorld(emulator.world, member)!;
    const lookups = await timeEach(20_000, async () => serviceControlPoliciesInWorld(emulator.world, member));
    rows.push(goalRow('SCP hierarchy for an account 5 OUs deep, 10 SCPs on each of 7 levels (p50)', percentile(lookups, 50) * 1000, 'µs', { below: 50 }, `p95 ${(percentile(lookups, 95) * 1000).toFixed(1)} µs; ${hierarchy.levels.reduce((s, l) => s + l.policies.length, 0)} SCPs; enforcement's whole budget is 500 µs`));
    const principal = { type: 'assumed-role' as const, arn: `arn:aws:sts::${member}:assumed-role/ml/s`, tags: { team: 'team-3' } };
    const identity = [{ name: 'admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];
    const decisions = await timeEach(5_000, async (i) => authorize({ principal, action: `s3:Delete${i % 10}Object`, resource: 'arn:aws:s3:::data/x' }, { identity, scps: serviceControlPoliciesInWorld(emulator.world, member) }));
    rows.push(goalRow('hierarchy lookup + policy-engine decision over its 70 SCPs (p50)', percentile(decisions, 50), 'ms', { below: 0.5 }, `p95 ${percentile(decisions, 95).toFixed(3)} ms; raw documents, the engine's text cache warm`));

    const big = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 40 }, (_, i) => statement(i)) });
    const creates = await timeEach(200, (i) => org.send(new O.CreatePolicyCommand({ Name: `big-${i}`, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: big })));
    rows.push({ measure: `CreatePolicy with a ${(big.length / 1024).toFixed(1)} KB SCP, SDK over HTTP (p50)`, value: percentile(creates, 50), unit: 'ms', note: `p95 ${percentile(creates, 95).toFixed(2)} ms` });

    const aas = new A.ApplicationAutoScalingClient(config(emulator.url, member));
    for (let i = 0; i < 100; i++) await aas.send(new A.RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: `service/cluster/svc-${i}`, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 4 }));
    const describes = await timeEach(300, () => aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' })));
    rows.push({ measure: 'DescribeScalableTargets, 100 targets, first page of 50, SDK over HTTP (p50)', value: percentile(describes, 50), unit: 'ms', note: `p95 ${percentile(describes, 95).toFixed(2)} ms` });

    const budgets = new B.BudgetsClient(config(emulator.url, member));
    for (let i = 0; i < 20; i++) await budgets.send(new B.CreateBudgetCommand({ AccountId: member, Budget: { BudgetName: `b-${i}`, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '100', Unit: 'USD' } } }));
    const budgetCalls = await timeEach(300, () => budgets.send(new B.DescribeBudgetsCommand({ AccountId: member })));
    rows.push({ measure: 'DescribeBudgets, 20 budgets, SDK over HTTP (p50)', value: percentile(budgetCalls, 50), unit: 'ms', note: `p95 ${percentile(budgetCalls, 95).toFixed(2)} ms` });

    const s3 = new S3Client({ ...config(emulator.url, member), forcePathStyle: true });
    for (let i = 0; i < 1000; i++) {
      await s3.send(new CreateBucketCommand({ Bucket: `bench-${member}-${i}` }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: `bench-${member}-${i}`, Tagging: { TagSet: [{ Key: 'Project', Value: `p${i % 7}` }, { Key: `Owner${i % 50}`, Value: 'x' }] } }));
    }
    const ce = new CE.CostExplorerClient(config(emulator.url, member));
    const listed = await timeEach(200, () => ce.send(new CE.ListCostAllocationTagsCommand({})));
    rows.push({ measure: 'ListCostAllocationTags discovering keys on 1,000 tagged buckets, SDK over HTTP (p50)', value: percentile(listed, 50), unit: 'ms', note: `p95 ${percentile(listed, 95).toFixed(2)} ms; 51 keys; 32 regions scanned for regional services` });
  } finally {
    await emulator.stop();
  }
  return rows;
}

const benchmark: Benchmark = { suite: 'org-cost', run };
export default benchmark;
