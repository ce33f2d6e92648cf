/**
 * What strict tenant accounts (workshops) cost. Two emulators in this process hold the same relaxed
 * state (a bucket and an object in the default account); one also holds 100 strict tenants, each
 * with a bucket of its own. Calls go to both through the real SDK over HTTP, interleaved call by
 * call so both see the same machine load:
 * - a relaxed caller's GetObject with and without tenants present (goal: <= 0.3 ms p50 more —
 *   with tenants the call's resources are resolved to see whether a tenant owns one);
 * - a tenant's own GetObject (signature verified, IAM enforced) against the relaxed one (goal:
 *   <= 1 ms p50 more);
 * - creating a tenant (POST /_mlsec/tenants) and removing one with a few resources (DELETE).
 */
import { Agent } from 'node:http';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const ROUNDS = 1_500;
const TENANTS = 100;
const TOKEN = 'bench-admin-token';

type Keys = { accessKeyId: string; secretAccessKey: string };
const s3As = (url: string, credentials: Keys) =>
  new S3Client({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1, forcePathStyle: true, requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 8 }) }) });

async function admin(url: string, method: string, path: string): Promise<any> {
  const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  return response.json();
}

async function relaxedObject(emu: RunningEmulator): Promise<S3Client> {
  const s3 = s3As(emu.url, { accessKeyId: 'test', secretAccessKey: 'test' });
  await s3.send(new CreateBucketCommand({ Bucket: 'self-paced-data' }));
  await s3.send(new PutObjectCommand({ Bucket: 'self-paced-data', Key: 'train.csv', Body: 'a,b\n1,2\n' }));
  return s3;
}

const benchmark: Benchmark = {
  suite: 'tenants',
  async run(): Promise<BenchRow[]> {
    const options = { port: 0, warmUp: false, https: false, log: () => {}, adminToken: TOKEN };
    const plain = await startEmulator(options);
    const withTenants = await startEmulator(options);
    try {
      const relaxedPlain = await relaxedObject(plain);
      const relaxedTenanted = await relaxedObject(withTenants);
      const creations = await timeEach(TENANTS, async (i) => {
        const t = (await fetch(`${withTenants.url}/_mlsec/tenants`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ label: `bench ${i}` }) }).then((r) => r.json())) as Keys & { accountId: string };
        const s3 = s3As(withTenants.url, t);
        await s3.send(new CreateBucketCommand({ Bucket: `tenant-${t.accountId}` }));
        await s3.send(new PutObjectCommand({ Bucket: `tenant-${t.accountId}`, Key: 'train.csv', Body: 'a,b\n1,2\n' }));
        s3.destroy();
      });
      const tenants = (await admin(withTenants.url, 'GET', '/_mlsec/tenants')).tenants as { accountId: string }[];
      const first = tenants[0]!;
      // The first tenant's keys are not listed (no secrets in listings): make one more to call as.
      const own = (await fetch(`${withTenants.url}/_mlsec/tenants`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json())) as Keys & { accountId: string };
      const tenantS3 = s3As(withTenants.url, own);
      await tenantS3.send(new CreateBucketCommand({ Bucket: `own-${own.accountId}` }));
      await tenantS3.send(new PutObjectCommand({ Bucket: `own-${own.accountId}`, Key: 'train.csv', Body: 'a,b\n1,2\n' }));

      const get = (s3: S3Client, bucket: string) => async () => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'train.csv' }))).Body!.transformToString();
      const calls = { plain: get(relaxedPlain, 'self-paced-data'), tenanted: get(relaxedTenanted, 'self-paced-data'), tenant: get(tenantS3, `own-${own.accountId}`) };
      for (let i = 0; i < 100; i++) for (const call of Object.values(calls)) await call();
      const times: Record<keyof typeof calls, number[]> = { plain: [], tenanted: [], tenant: [] };
      for (let i = 0; i < ROUNDS; i++) {
        for (const [name, call] of Object.entries(calls) as [keyof typeof calls, () => Promise<unknown>][]) {
          const start = performance.now();
          await call();
          times[name].push(performance.now() - start);
        }
      }
      const removal = await timeEach(1, () => admin(withTenants.url, 'DELETE', `/_mlsec/tenants/${first.accountId}`));
      const p50 = (name: keyof typeof calls) => percentile(times[name], 50);
      const note = `${ROUNDS} interleaved calls each, keep-alive, plain HTTP`;
      return [
        { measure: 'relaxed S3 GetObject, no tenants (p50)', value: p50('plain'), unit: 'ms', note },
        { measure: `relaxed S3 GetObject, ${TENANTS} tenants present (p50)`, value: p50('tenanted'), unit: 'ms', note },
        goalRow('relaxed call: added by tenants being present (p50 difference)', p50('tenanted') - p50('plain'), 'ms', { below: 0.3 }, 'resources resolved to see whether a tenant owns one'),
        { measure: 'tenant S3 GetObject, verified + enforced (p50)', value: p50('tenant'), unit: 'ms', note },
        goalRow('tenant call: added by verification + enforcement (p50 difference)', p50('tenant') - p50('tenanted'), 'ms', { below: 1 }, 'vs the relaxed call on the same emulator'),
        { measure: 'tenant call (p95)', value: percentile(times.tenant, 95), unit: 'ms', note },
        { measure: 'create a tenant + bucket + object (p50)', value: percentile(creations, 50), unit: 'ms', note: `${TENANTS} tenants, POST /_mlsec/tenants then two signed S3 calls` },
        { measure: 'remove a tenant with a bucket and an object', value: removal[0]!, unit: 'ms', note: 'DELETE /_mlsec/tenants/<id>, report included' },
      ];
    } finally {
      await plain.stop();
      await withTenants.stop();
    }
  },
};

export default benchmark;
