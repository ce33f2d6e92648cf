/**
 * The tenant admin route's edges (token, bad input, conflicts) and persistence: a strict tenant stays
 * strict across a restart with MLSEC_DATA_DIR.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { admin, clientsAs, createTenant, keysOf, refusal, tenantEmulator } from './tenant-support.ts';

describe('POST/GET/DELETE /_mlsec/tenants', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await tenantEmulator(); });
  afterAll(async () => emu.stop());

  it('needs the admin token when one is set', async () => {
    for (const [method, path] of [['POST', '/_mlsec/tenants'], ['GET', '/_mlsec/tenants'], ['DELETE', '/_mlsec/tenants/123456789012']] as const) {
      const refused = await admin(emu.url, method, path, undefined, null);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toContain('MLSEC_EMULATOR_ADMIN_TOKEN');
      expect((await admin(emu.url, method, path, undefined, 'not-the-token')).status).toBe(401);
    }
    expect(emu.listTenants()).toEqual([]);
  });

  it('refuses bad input with a clear message and creates nothing', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ accountId: '12345' }, 400, /not a 12-digit AWS account id/],
      [{ accountId: 123456789012 }, 400, /as a string/],
      [{ label: 'x'.repeat(201) }, 400, /at most 200 characters/],
      [[1, 2], 400, /JSON object/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await admin(emu.url, 'POST', '/_mlsec/tenants', body);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatch(message);
    }
    const notJson = await fetch(`${emu.url}/_mlsec/tenants`, { method: 'POST', headers: { authorization: 'Bearer tenant-tests-admin-token' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await admin(emu.url, 'PUT', '/_mlsec/tenants')).status).toBe(405);
    expect((await admin(emu.url, 'DELETE', '/_mlsec/tenants/abc')).status).toBe(400);
    expect((await admin(emu.url, 'GET', '/_mlsec/tenants/123456789012')).status).toBe(405);
    expect(emu.listTenants()).toEqual([]);
  });

  it('creates a tenant with a chosen account id, refuses an account that exists, and deletes only tenants', async () => {
    const chosen = await admin(emu.url, 'POST', '/_mlsec/tenants', { accountId: '210987654321', label: 'chosen' });
    expect(chosen.status).toBe(201);
    expect(chosen.body).toMatchObject({ accountId: '210987654321', accessKeyId: expect.stringMatching(/^AKIA/), secretAccessKey: expect.any(String), principalArn: 'arn:aws:iam::210987654321:root' });
    const again = await admin(emu.url, 'POST', '/_mlsec/tenants', { accountId: '210987654321' });
    expect(again.status).toBe(409);
    // An account used by relaxed callers cannot be turned into a tenant.
    await clientsAs(emu.url, { accessKeyId: '333344445555', secretAccessKey: 'x' }).s3.send(new CreateBucketCommand({ Bucket: 'relaxed-owned' }));
    const taken = await admin(emu.url, 'POST', '/_mlsec/tenants', { accountId: '333344445555' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toContain('already exists');
    const notTenant = await admin(emu.url, 'DELETE', '/_mlsec/tenants/333344445555');
    expect(notTenant.status).toBe(404);
    expect(notTenant.body.error).toContain('/_mlsec/reset?account=333344445555');
    expect((await clientsAs(emu.url, { accessKeyId: '333344445555', secretAccessKey: 'x' }).s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['relaxed-owned']);
    const status = await admin(emu.url, 'GET', '/_mlsec/status');
    expect(status.body.strictTenants).toBe(1);
  });
});

describe('strict tenants across a restart (MLSEC_DATA_DIR)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-tenants-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the tenant strict, its keys working and its resources protected', async () => {
    const first = await tenantEmulator({ dataDir: dir, persistDebounceMs: 10 });
    const tenant = await createTenant(first.url, 'persisted learner');
    const bucket = `persisted-${tenant.accountId}`;
    const own = clientsAs(first.url, keysOf(tenant));
    await own.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await own.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v' }));
    await first.stop();
    const file = JSON.parse(readFileSync(join(dir, 'accounts', `${tenant.accountId}.json`), 'utf8'));
    expect(file.tenant).toMatchObject({ strict: true, label: 'persisted learner' });

    const second = await tenantEmulator({ dataDir: dir });
    try {
      expect(second.listTenants()).toEqual([expect.objectContaining({ accountId: tenant.accountId, label: 'persisted learner' })]);
      const again = clientsAs(second.url, keysOf(tenant));
      expect((await again.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(tenant.accountId);
      expect(await (await again.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }))).Body!.transformToString()).toBe('v');
      const byId = clientsAs(second.url, { accessKeyId: tenant.accountId, secretAccessKey: 'test' });
      expect(await refusal(() => byId.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
      const wrong = clientsAs(second.url, { accessKeyId: tenant.accessKeyId, secretAccessKey: 'wrong' });
      expect(await refusal(() => wrong.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch' });
      const relaxed = clientsAs(second.url, { accessKeyId: 'test', secretAccessKey: 'test' });
      expect(await refusal(() => relaxed.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    } finally {
      await second.stop();
    }
  });
});
