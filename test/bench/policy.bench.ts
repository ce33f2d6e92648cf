/**
 * IAM policy evaluation: our engine against @cloud-copilot/iam-simulate on the same questions.
 * The scenario is a typical ML workload: an assumed-role session whose role has four identity
 * policies and a permissions boundary, a bucket policy (TLS only, encrypted uploads, role access)
 * and SCPs at root, OU and account. Requests vary across reads, writes, plain HTTP and unencrypted
 * uploads, so allows, explicit denies and implicit denies are all measured.
 *
 * cold  = the policies have never been seen (new document text each call: parse + compile + evaluate);
 * warm  = compiled policies, decision cache off (what enforcement pays for a new question);
 * cache = the same question again (decision cache hit).
 */
import { compilePolicy, createPolicyEngine, type ApplicablePolicies, type AuthorizationRequest, type PolicyInput } from '../../src/emulator/policy/index.ts';
import { iamSimulateDecision } from '../unit/policy/iam-simulate-adapter.ts';
import { goalRow, percentile, type Benchmark, type BenchRow } from './harness.ts';

const ACCOUNT = '111111111111';
const BUCKET = 'arn:aws:s3:::fraud-training-data';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const session = { type: 'assumed-role' as const, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml-training/job-42`, tags: { project: 'fraud' } };

function policies(variant: number): ApplicablePolicies {
  const doc = (Statement: object[]): object => ({ Version: '2012-10-17', Statement: Statement.map((s, i) => ({ Sid: `S${i}v${variant}`, ...s })) });
  const p = (name: string, Statement: object[]): PolicyInput => ({ name, document: doc(Statement) });
  return {
    identity: [
      p('TrainingDataAccess', [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`] },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/output/*`, Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
      ]),
      p('SageMakerTraining', [
        { Effect: 'Allow', Action: ['sagemaker:CreateTrainingJob', 'sagemaker:Describe*'], Resource: `arn:aws:sagemaker:*:${ACCOUNT}:*`, Condition: { Bool: { 'sagemaker:NetworkIsolation': 'true' }, 'ForAllValues:StringLike': { 'sagemaker:VpcSubnets': 'subnet-0a*' } } },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT}:role/ml-*`, Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
      ]),
      p('KmsForS3', [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY, Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } }]),
      p('Logs', [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:${ACCOUNT}:log-group:/aws/sagemaker/*` }]),
    ],
    permissionsBoundary: p('MlBoundary', [
      { Effect: 'Allow', Action: ['s3:*', 'sagemaker:*', 'kms:*', 'logs:*', 'iam:PassRole'], Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
    ]),
    resourcePolicy: {
      ...p('BucketPolicy', [
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ml-training` }, Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` },
      ]),
      kind: 'bucket',
    },
    scps: {
      levels: [
        { target: 'r-root', policies: [p('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]), p('RegionGuardrail', [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }])] },
        { target: 'ou-ml', policies: [p('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]), p('NoLeavingOrg', [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }])] },
        { target: ACCOUNT, policies: [p('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }])] },
      ],
    },
  };
}

function requests(): AuthorizationRequest[] {
  const out: AuthorizationRequest[] = [];
  for (let i = 0; i < 40; i++) {
    const secure = i % 5 !== 0;
    const region = i % 7 === 0 ? 'ap-south-1' : 'us-east-1';
    const base = { 'aws:SecureTransport': secure, 'aws:RequestedRegion': region, 'aws:SourceIp': `203.0.113.${i}` };
    out.push({ principal: session, action: 's3:GetObject', resource: `${BUCKET}/datasets/part-${i}.parquet`, resourceAccount: ACCOUNT, context: base });
    out.push({ principal: session, action: 's3:PutObject', resource: `${BUCKET}/output/model-${i}.tar.gz`, resourceAccount: ACCOUNT, context: { ...base, ...(i % 3 ? { 's3:x-amz-server-side-encryption': 'aws:kms' } : {}) } });
    out.push({ principal: session, action: 's3:ListBucket', resource: BUCKET, resourceAccount: ACCOUNT, context: base });
    out.push({ principal: session, action: 's3:DeleteObject', resource: `${BUCKET}/datasets/part-${i}.parquet`, resourceAccount: ACCOUNT, context: base });
    out.push({ principal: session, action: 's3:PutObject', resource: `arn:aws:s3:::other-bucket/x-${i}`, resourceAccount: ACCOUNT, context: { ...base, 's3:x-amz-server-side-encryption': 'aws:kms' } });
  }
  return out;
}

const ms = (v: number) => Number(v.toFixed(3));
const us = (v: number) => Number((v * 1000).toFixed(1));

const benchmark: Benchmark = {
  suite: 'iam-policy',
  async run(): Promise<BenchRow[]> {
    const questions = requests();
    const n = questions.length;
    const rows: BenchRow[] = [];

    // Both engines get the same JIT warm-up on documents that are not measured.
    const engineNoCache = createPolicyEngine({ cache: false });
    for (let i = 0; i < 30; i++) {
      engineNoCache.authorize(questions[i % n]!, policies(9000 + i));
      await iamSimulateDecision(questions[i % n]!, policies(9500 + i));
    }
    // Our engine, cold: never-seen documents every call.
    const cold: number[] = [];
    for (let i = 0; i < n; i++) {
      const set = policies(1000 + i);
      const t = performance.now();
      engineNoCache.authorize(questions[i]!, set);
      cold.push(performance.now() - t);
    }
    // Our engine, warm: compiled once (as the emulator does when a policy is stored).
    const raw = policies(1);
    const compiled: ApplicablePolicies = {
      identity: raw.identity!.map((p) => compilePolicy(p as PolicyInput, 'identity')),
      permissionsBoundary: compilePolicy(raw.permissionsBoundary as PolicyInput, 'permissionsBoundary'),
      resourcePolicy: compilePolicy(raw.resourcePolicy as PolicyInput, 'resource'),
      scps: { levels: raw.scps!.levels.map((l) => ({ target: l.target, policies: l.policies.map((p) => compilePolicy(p as PolicyInput, 'scp')) })) },
    };
    for (let i = 0; i < 2000; i++) engineNoCache.authorize(questions[i % n]!, compiled); // JIT warm-up
    const warm: number[] = [];
    for (let round = 0; round < 25; round++) {
      for (const q of questions) {
        const t = performance.now();
        engineNoCache.authorize(q, compiled);
        warm.push(performance.now() - t);
      }
    }
    const cachedEngine = createPolicyEngine();
    for (const q of questions) cachedEngine.authorize(q, compiled);
    const cached: number[] = [];
    for (let round = 0; round < 25; round++) {
      for (const q of questions) {
        const t = performance.now();
        cachedEngine.authorize(q, compiled);
        cached.push(performance.now() - t);
      }
    }

    // iam-simulate: cold (first sight of each document) and warm (the same documents again).
    const simCold: number[] = [];
    for (let i = 0; i < n; i++) {
      const set = policies(5000 + i);
      const t = performance.now();
      await iamSimulateDecision(questions[i]!, set);
      simCold.push(performance.now() - t);
    }
    const simWarm: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of questions) {
        const t = performance.now();
        await iamSimulateDecision(q, raw);
        simWarm.push(performance.now() - t);
      }
    }

    // Same answers?
    let agree = 0;
    const outcomes: Record<string, number> = {};
    for (const q of questions) {
      const ours = engineNoCache.authorize(q, compiled).decision;
      outcomes[ours] = (outcomes[ours] ?? 0) + 1;
      if (ours === (await iamSimulateDecision(q, raw))) agree++;
    }

    const note = `${n} distinct requests; role with 4 identity policies + boundary, bucket policy, SCPs at 3 levels`;
    rows.push(goalRow('ours cold p50 (parse + compile + evaluate)', ms(percentile(cold, 50)), 'ms', { below: 0.5 }, note));
    rows.push({ measure: 'ours cold p95', value: ms(percentile(cold, 95)), unit: 'ms' });
    rows.push(goalRow('ours warm p50 (compiled, no decision cache)', us(percentile(warm, 50)), 'µs', { below: 500 }, `${warm.length} evaluations`));
    rows.push({ measure: 'ours warm p95', value: us(percentile(warm, 95)), unit: 'µs' });
    rows.push(goalRow('ours cached p50 (decision cache hit)', us(percentile(cached, 50)), 'µs', { below: 500 }, `${cached.length} evaluations`));
    rows.push({ measure: 'ours cached p95', value: us(percentile(cached, 95)), unit: 'µs' });
    rows.push({ measure: 'iam-simulate cold p50', value: ms(percentile(simCold, 50)), unit: 'ms', note: '@cloud-copilot/iam-simulate 0.1.173, runSimulation' });
    rows.push({ measure: 'iam-simulate cold p95', value: ms(percentile(simCold, 95)), unit: 'ms' });
    rows.push({ measure: 'iam-simulate warm p50', value: ms(percentile(simWarm, 50)), unit: 'ms', note: 'same documents again' });
    rows.push({ measure: 'iam-simulate warm p95', value: ms(percentile(simWarm, 95)), unit: 'ms' });
    rows.push(goalRow('speed-up, cold p50 (iam-simulate / ours)', Number((percentile(simCold, 50) / percentile(cold, 50)).toFixed(1)), '×', { atLeast: 1 }));
    rows.push(goalRow('speed-up, warm p50 (iam-simulate / ours)', Number((percentile(simWarm, 50) / percentile(warm, 50)).toFixed(1)), '×', { atLeast: 1 }));
    rows.push(goalRow('same decision as iam-simulate', agree, `of ${n}`, { atLeast: n }, `ours: ${JSON.stringify(outcomes)}`));
    return rows;
  },
};

export default benchmark;
