import { describe, expect, it } from 'vitest';
import { createAwsClients } from './clients.ts';
import { defaultConnectionTimeoutMs, isLoopbackEndpoint, loopbackConnectionTimeoutMs, remoteConnectionTimeoutMs } from './connection-timeout.ts';
import type { Target } from './target.ts';

describe('connection timeout by endpoint', () => {
  it('recognises loopback endpoints: localhost, 127.0.0.0/8, ::1 (also IPv4-mapped), over http or https', () => {
    for (const endpoint of ['http://127.0.0.1:4566', 'https://127.0.0.1:4566', 'http://localhost:4566', 'http://LOCALHOST', 'http://tenant-7.localhost:4566', 'http://127.3.2.1:80', 'http://[::1]:4566', 'http://[::ffff:127.0.0.1]:4566']) {
      expect(isLoopbackEndpoint(endpoint), endpoint).toBe(true);
    }
  });

  it('treats everything else as remote: other hosts, look-alike names, AWS itself, and non-URLs', () => {
    for (const endpoint of ['http://10.0.0.5:4566', 'http://192.168.1.127:4566', 'http://localstack:4566', 'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'https://s3.us-east-1.amazonaws.com', 'http://[::2]:1', 'not a url', '', undefined]) {
      expect(isLoopbackEndpoint(endpoint), String(endpoint)).toBe(false);
    }
  });

  it('gives loopback a generous timeout and keeps a short one where a dead host must be detected', () => {
    expect(defaultConnectionTimeoutMs('http://127.0.0.1:4566')).toBe(loopbackConnectionTimeoutMs);
    expect(defaultConnectionTimeoutMs('http://emulator.internal:4566')).toBe(remoteConnectionTimeoutMs);
    expect(defaultConnectionTimeoutMs(undefined)).toBe(remoteConnectionTimeoutMs);
    expect(loopbackConnectionTimeoutMs).toBeGreaterThanOrEqual(10 * remoteConnectionTimeoutMs);
  });
});

describe('the client factory applies it', () => {
  const target = (endpoint: string | undefined, tls?: Target['tls']): Target => ({
    kind: endpoint ? 'endpoint' : 'aws',
    description: { kind: endpoint ? 'endpoint' : 'aws', endpoint, region: 'us-east-1', label: 'test' },
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    guard: { source: 'test' },
    capabilityProbe: 'calls',
    tls,
    learnerEnvironment: () => ({}),
    close: async () => {},
  });
  /** The options the SDK's Node HTTP handler was actually built with. */
  async function handlerConfig(t: Target, options = {}): Promise<{ connectionTimeout?: number; requestTimeout?: number }> {
    const aws = createAwsClients(t, options);
    try {
      const client = (await aws.client('s3')) as unknown as { config: { requestHandler: { configProvider: Promise<{ connectionTimeout?: number; requestTimeout?: number }> } } };
      return await client.config.requestHandler.configProvider;
    } finally {
      aws.destroy();
    }
  }

  it('uses the loopback timeout for the embedded emulator, also when reached over its local TLS side', async () => {
    expect((await handlerConfig(target('http://127.0.0.1:4566'))).connectionTimeout).toBe(loopbackConnectionTimeoutMs);
    expect((await handlerConfig(target('http://127.0.0.1:4566', { endpoint: 'https://localhost:4566', caCertificate: 'unused' }))).connectionTimeout).toBe(loopbackConnectionTimeoutMs);
  });

  it('uses the short timeout for a remote endpoint and for AWS, and an explicit option wins', async () => {
    expect((await handlerConfig(target('http://10.1.2.3:4566'))).connectionTimeout).toBe(remoteConnectionTimeoutMs);
    expect((await handlerConfig(target(undefined))).connectionTimeout).toBe(remoteConnectionTimeoutMs);
    expect((await handlerConfig(target('http://127.0.0.1:4566'), { connectionTimeoutMs: 2_000 })).connectionTimeout).toBe(2_000);
  });
});
