/**
 * The lab's in-browser terminal reads CloudTrail from a page on another origin (the site on its
 * port, the emulator on its own): in Debian's Chromium, a page posts LookupEvents with the
 * headers the AWS SDK sends (CORS preflight included) and reads the events the emulator recorded.
 * Skips with a visible message when Chromium is missing.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';

const CHROMIUM = process.env.MLSEC_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ACCOUNT = '112233445566';
if (!hasChromium) console.warn(`CloudTrail browser test skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium).`);

describe.skipIf(!hasChromium)(`CloudTrail from a browser page${hasChromium ? '' : ' (skipped: Chromium not installed)'}`, () => {
  let emu: RunningEmulator;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, log: () => {} });
    const s3 = new S3Client({ endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: 'browser-model-bucket' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'browser-model-bucket', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::browser-model-bucket/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) }));
    site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>terminal</title>'));
    await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => site?.close(ok));
    await emu?.stop();
  });

  it('looks up who changed the bucket policy', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    const result = await page.evaluate(async ({ url, account }) => {
      const now = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'CloudTrail_20131101.LookupEvents',
          'x-amz-date': now,
          'amz-sdk-invocation-id': crypto.randomUUID(),
          authorization: `AWS4-HMAC-SHA256 Credential=${account}/${now.slice(0, 8)}/us-east-1/cloudtrail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
        },
        body: JSON.stringify({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutBucketPolicy' }] }),
      });
      return { status: response.status, requestId: response.headers.get('x-amzn-requestid'), body: (await response.json()) as { Events: { Username: string; CloudTrailEvent: string }[] } };
    }, { url: emu.url, account: ACCOUNT });
    expect(result.status).toBe(200);
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body.Events).toHaveLength(1);
    expect(result.body.Events[0]!.Username).toBe('root');
    expect(JSON.parse(result.body.Events[0]!.CloudTrailEvent)).toMatchObject({ eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'browser-model-bucket' } });
    await page.close();
  });
});
