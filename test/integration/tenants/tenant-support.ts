/**
 * Helpers for the tenant tests: an emulator with an admin token, tenants created through its admin
 * route over HTTP, and SDK v3 clients acting as a tenant (or as anybody else).
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator/index.ts';

export const ADMIN_TOKEN = 'tenant-tests-admin-token';

export interface TenantKeys {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  principalArn: string;
}

export function tenantEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, warmUp: false, log: () => {}, adminToken: ADMIN_TOKEN, serviceSettings: { sagemaker: { transitionDelayMs: 0 } }, ...options });
}

export async function admin(url: string, method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function createTenant(url: string, label?: string): Promise<TenantKeys> {
  const created = await admin(url, 'POST', '/_mlsec/tenants', label ? { label } : undefined);
  if (created.status !== 201) throw new Error(`POST /_mlsec/tenants answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body as TenantKeys;
}

export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export function clientsAs(url: string, credentials: Credentials, extra: Record<string, unknown> = {}) {
  const config = { endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1, ...extra };
  return {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    kms: new KMSClient(config),
    secrets: new SecretsManagerClient(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
    sagemaker: new SageMakerClient(config),
  };
}

export const keysOf = (t: TenantKeys): Credentials => ({ accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey });

/** The AWS error a call ends with (fails the test when it succeeds). */
export async function refusal(fn: () => Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await fn();
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
