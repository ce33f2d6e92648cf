import { describe, expect, it } from 'vitest';
import { checkSandbox, SandboxRefusedError } from './sandbox-guard.ts';
import { isNotFound, isThrottling, isUnsupportedOperation, toAwsErrorInfo } from './errors.ts';
import { withThrottlingRetry } from './retry.ts';
import { isRealAwsEndpoint, learnerEnvironmentFor, targetSettingsFromEnv } from './target-settings.ts';
import { TargetConfigError } from './target.ts';
import { endpointTarget } from './targets/endpoint.ts';

describe('target settings from the environment', () => {
  it('defaults to the embedded emulator in us-east-1 with local test keys', () => {
    const s = targetSettingsFromEnv({});
    expect(s).toMatchObject({ kind: 'embedded', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', embeddedMode: 'auto', localCredentials: { accessKeyId: 'test' } });
  });

  it('never takes local-target keys from AWS_* variables (they may be real)', () => {
    const s = targetSettingsFromEnv({ AWS_ACCESS_KEY_ID: 'AKIAREALKEY', AWS_SECRET_ACCESS_KEY: 'real-secret', MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: 'http://127.0.0.1:5000' });
    expect(s.localCredentials).toEqual({ accessKeyId: 'test', secretAccessKey: 'test' });
  });

  it.each([
    [{ MLSEC_TARGET: 'moto' }, /MLSEC_TARGET="moto" is not a target/],
    [{ MLSEC_TARGET: 'endpoint' }, /needs MLSEC_ENDPOINT/],
    [{ MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: 'ftp://x' }, /MLSEC_ENDPOINT="ftp:\/\/x" is not an http\(s\) URL/],
    [{ MLSEC_TARGET: 'aws' }, /needs MLSEC_ALLOWED_ACCOUNTS/],
    [{ MLSEC_TARGET: 'aws', MLSEC_ALLOWED_ACCOUNTS: '111122223333' }, /needs MLSEC_ALLOWED_REGIONS/],
    [{ MLSEC_ALLOWED_ACCOUNTS: '1111,222' }, /contains "1111", which is not a 12-digit AWS account id/],
    [{ MLSEC_ALLOWED_REGIONS: 'mars-1' }, /contains "mars-1"/],
    [{ MLSEC_REGION: 'Europe' }, /MLSEC_REGION="Europe" is not an AWS region/],
    [{ MLSEC_LAB_ROLE_ARN: 'arn:aws:iam::111122223333:role/x' }, /only used with MLSEC_TARGET=aws/],
    [{ MLSEC_EMBEDDED: 'sometimes' }, /MLSEC_EMBEDDED="sometimes" is not valid/],
  ])('explains bad configuration %o', (env, message) => {
    expect(() => targetSettingsFromEnv(env as NodeJS.ProcessEnv)).toThrow(TargetConfigError);
    expect(() => targetSettingsFromEnv(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('honours AWS_ENDPOINT_URL for the aws target, so the guard can be tested against an emulator', () => {
    const s = targetSettingsFromEnv({ MLSEC_TARGET: 'aws', MLSEC_ALLOWED_ACCOUNTS: '111122223333, 444455556666', MLSEC_ALLOWED_REGIONS: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9/', AWS_REGION: 'eu-west-1' });
    expect(s).toMatchObject({ kind: 'aws', endpoint: 'http://127.0.0.1:9', region: 'eu-west-1', allowedAccounts: ['111122223333', '444455556666'], allowedRegions: ['eu-west-1'] });
  });

  it('refuses an "endpoint" that is AWS itself unless accounts and regions are allow-listed', () => {
    expect(isRealAwsEndpoint('https://s3.eu-west-1.amazonaws.com')).toBe(true);
    expect(isRealAwsEndpoint('http://127.0.0.1:4566')).toBe(false);
    const settings = targetSettingsFromEnv({ MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: 'https://sts.amazonaws.com' });
    expect(() => endpointTarget(settings)).toThrow(/is AWS itself, not an emulator/);
  });

  it('opened targets describe themselves without secrets, and only local ones hand out credentials', async () => {
    const { awsTarget } = await import('./targets/aws.ts');
    const real = awsTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'aws', MLSEC_ALLOWED_ACCOUNTS: '111122223333', MLSEC_ALLOWED_REGIONS: 'eu-west-1', AWS_REGION: 'eu-west-1' }));
    expect(real.learnerEnvironment()).toEqual({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(real.credentials).toBeUndefined();
    const local = endpointTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: 'http://127.0.0.1:5000', MLSEC_SECRET_ACCESS_KEY: 'local-secret' }));
    expect(local.learnerEnvironment().AWS_SECRET_ACCESS_KEY).toBe('local-secret');
    expect(JSON.stringify(local.description)).not.toContain('local-secret');
  });

  it('prints credentials for local targets only', () => {
    const local = learnerEnvironmentFor(targetSettingsFromEnv({ MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: 'http://127.0.0.1:5000' }));
    expect(local).toMatchObject({ AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_ACCESS_KEY_ID: 'test', AWS_REGION: 'us-east-1' });
    const real = learnerEnvironmentFor(targetSettingsFromEnv({ MLSEC_TARGET: 'aws', MLSEC_ALLOWED_ACCOUNTS: '111122223333', MLSEC_ALLOWED_REGIONS: 'us-east-1' }));
    expect(real).toEqual({ AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
  });
});

describe('sandbox guard decision', () => {
  const policy = { allowedAccounts: ['111122223333'], allowedRegions: ['eu-west-1'], source: 'MLSEC_ALLOWED_ACCOUNTS / MLSEC_ALLOWED_REGIONS' };

  it('lets an allow-listed account and region through, with the partition from the ARN', () => {
    expect(checkSandbox({ Account: '111122223333', Arn: 'arn:aws-cn:iam::111122223333:user/a', UserId: 'AID' }, 'eu-west-1', policy)).toEqual({
      accountId: '111122223333',
      arn: 'arn:aws-cn:iam::111122223333:user/a',
      userId: 'AID',
      region: 'eu-west-1',
      partition: 'aws-cn',
    });
  });

  it('refuses another account, naming the account it saw', () => {
    expect(() => checkSandbox({ Account: '999988887777', Arn: 'arn:aws:iam::999988887777:user/prod-admin' }, 'eu-west-1', policy)).toThrow(
      /Refusing to touch AWS account 999988887777 \(arn:aws:iam::999988887777:user\/prod-admin\).*MLSEC_ALLOWED_ACCOUNTS \(111122223333\)/,
    );
  });

  it('refuses a region outside the list, naming it', () => {
    expect(() => checkSandbox({ Account: '111122223333' }, 'us-east-1', policy)).toThrow(/Refusing to work in region us-east-1 of account 111122223333/);
  });

  it('refuses an identity without a valid account id', () => {
    const error = (() => {
      try {
        checkSandbox({ Account: 'moto' }, 'eu-west-1', policy);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SandboxRefusedError);
  });

  it('lets local targets without allow-lists through', () => {
    expect(checkSandbox({ Account: '000000000000' }, 'us-east-1', { source: 'local' }).accountId).toBe('000000000000');
  });
});

describe('AWS errors', () => {
  it('reduces SDK errors to code, message, status and operation', () => {
    const info = toAwsErrorInfo({ name: 'NoSuchBucket', message: 'The specified bucket does not exist\nmore', $metadata: { httpStatusCode: 404, requestId: 'r1' } }, 'S3.HeadBucket');
    expect(info).toEqual({ code: 'NoSuchBucket', message: 'The specified bucket does not exist', operation: 'S3.HeadBucket', httpStatus: 404, requestId: 'r1' });
    expect(isNotFound(info)).toBe(true);
  });

  it('recognises a dead endpoint, throttling and unimplemented operations', () => {
    const refused = toAwsErrorInfo(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect(refused.code).toBe('ECONNREFUSED');
    expect(refused.message).toMatch(/Nothing is listening/);
    expect(isThrottling(toAwsErrorInfo({ name: 'ThrottlingException', message: 'Rate exceeded' }))).toBe(true);
    expect(isThrottling(toAwsErrorInfo({ name: 'Foo', message: 'x', $metadata: { httpStatusCode: 429 } }))).toBe(true);
    expect(isUnsupportedOperation(toAwsErrorInfo({ name: 'SyntaxError', message: 'Unexpected token <', $metadata: { httpStatusCode: 500 } }))).toBe(true);
    expect(isUnsupportedOperation(toAwsErrorInfo({ name: 'InternalFailure', message: "API action 'LookupEvents' for service 'cloudtrail' not yet implemented or pro feature" }))).toBe(true);
    expect(isUnsupportedOperation(toAwsErrorInfo({ name: 'AccessDenied', message: 'denied', $metadata: { httpStatusCode: 403 } }))).toBe(false);
  });
});

describe('throttling retries', () => {
  it('retries throttling with growing, jittered delays and then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withThrottlingRetry(
      async () => {
        calls++;
        if (calls < 3) throw { name: 'ThrottlingException', message: 'Rate exceeded' };
        return 'ok';
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 1, baseDelayMs: 100 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([100, 200]);
  });

  it('gives up after the last attempt with the AWS error', async () => {
    let calls = 0;
    await expect(withThrottlingRetry(async () => (calls++, Promise.reject({ name: 'SlowDown', message: 'Reduce your request rate' })), { attempts: 4, sleep: async () => {} })).rejects.toMatchObject({
      name: 'SlowDown',
    });
    expect(calls).toBe(4);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(withThrottlingRetry(async () => (calls++, Promise.reject({ name: 'AccessDenied', message: 'no' })), { sleep: async () => {} })).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(calls).toBe(1);
  });

  it('does not retry a timeout or a refused connection, even on a loopback endpoint', async () => {
    for (const error of [Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError' }), Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' })]) {
      let calls = 0;
      await expect(withThrottlingRetry(async () => (calls++, Promise.reject(error)), { sleep: async () => {} })).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });
});
