/**
 * KMS and Secrets Manager through the real SDK over HTTP: latency of DescribeKey (one of the issue's
 * "simple calls"), of real cryptography (Encrypt + Decrypt) and of GetSecretValue (a KMS decryption
 * inside), throughput with calls in flight, and the memory a lab's worth of keys and secrets costs.
 */
import * as K from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const WARMUP = 200;
const SAMPLES = 2000;

async function throughput(calls: number, concurrency: number, fn: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < calls) await fn();
  }));
  return calls / ((performance.now() - start) / 1000);
}

const bench: Benchmark = {
  suite: 'kms-secrets',
  async run(): Promise<BenchRow[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-bench-kms-'));
    const emu = await startEmulator({ port: 0, warmUp: false, log: () => {}, dataDir });
    try {
      const config = {
        endpoint: emu.url,
        region: 'us-east-1',
        credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' },
        maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
      };
      const kms = new K.KMSClient(config);
      const sm = new S.SecretsManagerClient(config);
      const { KeyMetadata } = await kms.send(new K.CreateKeyCommand({ Description: 'bench' }));
      const keyId = KeyMetadata!.KeyId!;
      await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/bench', TargetKeyId: keyId }));
      await sm.send(new S.CreateSecretCommand({ Name: 'bench/db', SecretString: '{"user":"ml","password":"p"}', KmsKeyId: 'alias/bench' }));

      const describe = () => kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/bench' }));
      const roundTrip = async () => {
        const { CiphertextBlob } = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('feature vector'), EncryptionContext: { job: 'train' } }));
        await kms.send(new K.DecryptCommand({ CiphertextBlob, EncryptionContext: { job: 'train' } }));
      };
      const getSecret = () => sm.send(new S.GetSecretValueCommand({ SecretId: 'bench/db' }));

      await timeEach(WARMUP, describe);
      const describeMs = await timeEach(SAMPLES, describe);
      await timeEach(WARMUP / 2, roundTrip);
      const cryptoMs = await timeEach(SAMPLES / 2, roundTrip);
      await timeEach(WARMUP, getSecret);
      const secretMs = await timeEach(SAMPLES, getSecret);
      const describeRate = await throughput(6000, 32, describe);
      const secretRate = await throughput(6000, 32, getSecret);

      // A lab's worth per account (5 keys with aliases and policies, 5 secrets with two versions each):
      // the size of the account's state as persisted (key material, policies, encrypted values).
      const ACCOUNTS = 50;
      for (let a = 0; a < ACCOUNTS; a++) {
        const c = { ...config, credentials: { accessKeyId: String(500000000000 + a), secretAccessKey: 'x' } };
        const k = new K.KMSClient(c);
        const s = new S.SecretsManagerClient(c);
        for (let i = 0; i < 5; i++) {
          const key = (await k.send(new K.CreateKeyCommand({ Tags: [{ TagKey: 'lab', TagValue: 'kms-key-hygiene' }] }))).KeyMetadata!;
          await k.send(new K.CreateAliasCommand({ AliasName: `alias/lab-${i}`, TargetKeyId: key.KeyId }));
          await s.send(new S.CreateSecretCommand({ Name: `lab/secret-${i}`, SecretString: 'x'.repeat(64), KmsKeyId: key.KeyId }));
          await s.send(new S.PutSecretValueCommand({ SecretId: `lab/secret-${i}`, SecretString: 'y'.repeat(64) }));
        }
      }
      await emu.flush();
      const accountsDir = join(dataDir, 'accounts');
      const labFiles = readdirSync(accountsDir).filter((f) => f.startsWith('5000000000'));
      const perAccountKb = labFiles.reduce((sum, f) => sum + statSync(join(accountsDir, f)).size, 0) / labFiles.length / 1024;

      const p50 = percentile(describeMs, 50);
      return [
        goalRow('DescribeKey (alias) via SDK over HTTP, p50', p50, 'ms', { below: 2 }, `p99 ${percentile(describeMs, 99).toFixed(2)} ms, n=${SAMPLES}`),
        goalRow('DescribeKey throughput, 32 in flight', describeRate, 'calls/s', { atLeast: 3000 }, 'SDK client and emulator share this process (and its core)'),
        { measure: 'Encrypt + Decrypt round trip (AES-256-GCM), p50', value: percentile(cryptoMs, 50), unit: 'ms', note: `two calls; p99 ${percentile(cryptoMs, 99).toFixed(2)} ms` },
        goalRow('GetSecretValue (KMS-decrypted) via SDK, p50', percentile(secretMs, 50), 'ms', { below: 2 }, `p99 ${percentile(secretMs, 99).toFixed(2)} ms`),
        { measure: 'GetSecretValue throughput, 32 in flight', value: secretRate, unit: 'calls/s' },
        { measure: 'persisted state per account: 5 keys + aliases, 5 secrets × 2 versions', value: perAccountKb, unit: 'KB', note: `mean of ${labFiles.length} account files` },
      ];
    } finally {
      await emu.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
