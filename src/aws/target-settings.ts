/**
 * Target settings from the environment. Every variable is documented in the README's configuration
 * table; errors name the variable, the value seen and what to set instead.
 */
import { TargetConfigError, targetKinds, type TargetKind } from './target.ts';

export interface TargetSettings {
  kind: TargetKind;
  /** MLSEC_ENDPOINT for local targets; AWS_ENDPOINT_URL for `aws` (normally unset). */
  endpoint?: string;
  region: string;
  /** Local targets only: the keys the emulator or endpoint sees. Never taken from AWS_* variables. */
  localCredentials: { accessKeyId: string; secretAccessKey: string };
  allowedAccounts?: string[];
  allowedRegions?: string[];
  /** `aws` target: a lab role to assume (optionally narrowed by a session policy). */
  assumeRole?: { roleArn: string; externalId?: string; sessionPolicy?: string; sessionName: string };
  /** `embedded`: attach to a running emulator, start one in this process, or attach when one answers (auto). */
  embeddedMode: 'auto' | 'attach' | 'in-process';
}

export const defaultEmbeddedEndpoint = 'http://127.0.0.1:4566';
export const defaultLocalStackEndpoint = 'http://localhost:4566';

export function targetSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TargetSettings {
  const kind = (env.MLSEC_TARGET || 'embedded').trim() as TargetKind;
  if (!targetKinds.includes(kind)) {
    throw new TargetConfigError(`MLSEC_TARGET="${env.MLSEC_TARGET}" is not a target; use one of ${targetKinds.join(', ')} (default: embedded).`);
  }
  const region = (env.MLSEC_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1').trim();
  checkRegion(region, env.MLSEC_REGION ? 'MLSEC_REGION' : env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION');
  const allowedAccounts = listVariable(env, 'MLSEC_ALLOWED_ACCOUNTS', (v) => /^\d{12}$/.test(v), 'a 12-digit AWS account id');
  const allowedRegions = listVariable(env, 'MLSEC_ALLOWED_REGIONS', (v) => regionPattern.test(v), 'a region name such as eu-west-1');

  let endpoint: string | undefined;
  if (kind === 'aws') {
    endpoint = env.AWS_ENDPOINT_URL ? checkUrl(env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL') : undefined;
    if (!allowedAccounts?.length) {
      throw new TargetConfigError(
        'MLSEC_TARGET=aws needs MLSEC_ALLOWED_ACCOUNTS: the comma-separated ids of the sandbox accounts labs may change (for example MLSEC_ALLOWED_ACCOUNTS=111122223333). Nothing was called.',
      );
    }
    if (!allowedRegions?.length) {
      throw new TargetConfigError(`MLSEC_TARGET=aws needs MLSEC_ALLOWED_REGIONS: the regions labs may create resources in (for example MLSEC_ALLOWED_REGIONS=${region}). Nothing was called.`);
    }
  } else if (kind === 'endpoint') {
    if (!env.MLSEC_ENDPOINT) {
      throw new TargetConfigError('MLSEC_TARGET=endpoint needs MLSEC_ENDPOINT, the URL of an AWS-compatible endpoint (for example MLSEC_ENDPOINT=http://127.0.0.1:5000 for moto_server -p 5000).');
    }
    endpoint = checkUrl(env.MLSEC_ENDPOINT, 'MLSEC_ENDPOINT');
  } else {
    endpoint = checkUrl(env.MLSEC_ENDPOINT || (kind === 'localstack' ? defaultLocalStackEndpoint : defaultEmbeddedEndpoint), 'MLSEC_ENDPOINT');
  }

  const roleArn = env.MLSEC_LAB_ROLE_ARN?.trim();
  if (roleArn && kind !== 'aws') throw new TargetConfigError('MLSEC_LAB_ROLE_ARN is only used with MLSEC_TARGET=aws.');
  if (roleArn && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(roleArn)) {
    throw new TargetConfigError(`MLSEC_LAB_ROLE_ARN="${roleArn}" is not an IAM role ARN (arn:aws:iam::111122223333:role/lab-role).`);
  }
  const sessionPolicy = env.MLSEC_LAB_SESSION_POLICY?.trim();
  if (sessionPolicy) {
    try {
      JSON.parse(sessionPolicy);
    } catch {
      throw new TargetConfigError('MLSEC_LAB_SESSION_POLICY must be a JSON policy document.');
    }
  }

  const mode = (env.MLSEC_EMBEDDED || 'auto') as TargetSettings['embeddedMode'];
  if (!['auto', 'attach', 'in-process'].includes(mode)) {
    throw new TargetConfigError(`MLSEC_EMBEDDED="${env.MLSEC_EMBEDDED}" is not valid; use auto (default), attach or in-process.`);
  }

  return {
    kind,
    endpoint,
    region,
    localCredentials: {
      accessKeyId: env.MLSEC_ACCESS_KEY_ID || 'test',
      secretAccessKey: env.MLSEC_SECRET_ACCESS_KEY || 'test',
    },
    allowedAccounts,
    allowedRegions,
    assumeRole: roleArn
      ? { roleArn, externalId: env.MLSEC_LAB_ROLE_EXTERNAL_ID || undefined, sessionPolicy: sessionPolicy || undefined, sessionName: 'mlsec-lab' }
      : undefined,
    embeddedMode: mode,
  };
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function checkRegion(region: string, variable: string): void {
  if (!regionPattern.test(region)) throw new TargetConfigError(`${variable}="${region}" is not an AWS region name (for example us-east-1).`);
}

function checkUrl(value: string, variable: string): string {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new TargetConfigError(`${variable}="${value}" is not an http(s) URL (for example http://127.0.0.1:4566).`);
  }
}

function listVariable(env: NodeJS.ProcessEnv, name: string, valid: (v: string) => boolean, what: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const values = raw.split(/[,\s]+/).filter(Boolean);
  const bad = values.find((v) => !valid(v));
  if (bad !== undefined) throw new TargetConfigError(`${name} contains "${bad}", which is not ${what}. Separate several values with commas.`);
  return values;
}

/** True when a URL points at AWS itself rather than an emulator. */
export function isRealAwsEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return /(^|\.)amazonaws\.com(\.cn)?$/.test(host) || /(^|\.)api\.aws$/.test(host);
}

/**
 * The shell variables that point the AWS CLI at the learner's environment, derived from settings
 * alone (no emulator is started for this). Real-account targets print no credentials: the AWS CLI
 * finds them in the same default chain mlsec-sim uses.
 */
export function learnerEnvironmentFor(settings: TargetSettings): Record<string, string> {
  const vars: Record<string, string> = {};
  if (settings.kind !== 'aws' || settings.endpoint) vars.AWS_ENDPOINT_URL = settings.endpoint!;
  vars.AWS_REGION = settings.region;
  vars.AWS_DEFAULT_REGION = settings.region;
  if (settings.kind !== 'aws') {
    vars.AWS_ACCESS_KEY_ID = settings.localCredentials.accessKeyId;
    vars.AWS_SECRET_ACCESS_KEY = settings.localCredentials.secretAccessKey;
  }
  return vars;
}
