/**
 * Capability probes: before a lab creates anything, find out whether the target has every service
 * and operation the lab declares, so a lab that cannot work there is reported unavailable with the
 * reason instead of failing halfway.
 *
 * - `health` targets (embedded, LocalStack) list their services and states at `/_localstack/health`.
 * - `calls` targets (any endpoint) are asked: one cheap read per service, then each read-like
 *   operation the lab names is called with placeholder identifiers. An AWS-shaped "not found" or
 *   validation error proves the operation exists; "unknown operation", HTTP 501 or a non-AWS body
 *   proves it does not. Operations that create or change things are never called for probing
 *   (that could create a resource); their service answering is taken as enough.
 * - `aws` (a real account) is assumed to have everything.
 *
 * A lab may also declare `requires` — behaviour no service listing shows, such as SCPs that actually
 * decide (`scp-enforcement`). Those are checked first, from the target's kind and the embedded
 * emulator's `features` (see `requirementProblem`).
 */
import type { AwsClients } from './clients.ts';
import { isNetworkError, isUnsupportedOperation, toAwsErrorInfo, type AwsErrorInfo } from './errors.ts';
import { isServiceName, services, type ServiceName } from './services.ts';

export interface CapabilityNeeds {
  services: readonly string[];
  /** `service:Operation`, e.g. `s3:GetBucketPolicyStatus`. */
  operations: readonly string[];
  /** Behaviour the target must have beyond its services (see `labRequirements`). */
  requires?: readonly LabRequirement[];
}

/**
 * Behaviour a lab relies on that a list of services cannot show. `scp-enforcement`: service control
 * policies decide calls of member-account principals (a guardrail lab grades SCPs by attempting the
 * forbidden calls).
 */
export const labRequirements = ['scp-enforcement'] as const;
export type LabRequirement = (typeof labRequirements)[number];

export interface MissingCapability {
  /** `s3` or `s3:GetBucketPolicyStatus`. */
  need: string;
  reason: string;
}

export interface CapabilityReport {
  available: boolean;
  method: 'health' | 'calls' | 'assumed';
  missing: MissingCapability[];
  /** Operations taken on trust because calling them could change something. */
  notProbed: string[];
}

/** Thrown when the target cannot be reached at all while probing. */
export class TargetUnreachableError extends Error {
  readonly info: AwsErrorInfo;
  constructor(info: AwsErrorInfo, label: string) {
    super(`The target (${label}) cannot be reached: ${info.message}`);
    this.name = 'TargetUnreachableError';
    this.info = info;
  }
}

const readLike = /^(Get|List|Describe|Head|Lookup|Simulate|Search)/;

export function parseOperation(ref: string): { service: ServiceName; operation: string } {
  const [service, operation] = ref.split(':');
  if (!service || !operation || !isServiceName(service)) {
    throw new Error(`"${ref}" is not a service:Operation reference (for example s3:GetBucketPolicy); known services: ${Object.keys(services).join(', ')}.`);
  }
  return { service, operation };
}

export async function probeCapabilities(aws: AwsClients, needs: CapabilityNeeds): Promise<CapabilityReport> {
  const method = aws.target.capabilityProbe;
  const unmet = await unmetRequirements(aws, needs.requires ?? []);
  // A requirement the target can never meet ends the probe: nothing else would change the answer.
  if (unmet.length) return { available: false, method: method === 'assumed' ? 'assumed' : 'health', missing: unmet, notProbed: [] };
  if (method === 'assumed') return { available: true, method, missing: [], notProbed: [] };
  const missing: MissingCapability[] = [];
  const wanted = new Set<ServiceName>();
  for (const s of needs.services) {
    if (!isServiceName(s)) missing.push({ need: s, reason: `"${s}" is not a service mlsec-sim knows` });
    else wanted.add(s);
  }
  const ops = needs.operations.map(parseOperation);
  for (const op of ops) wanted.add(op.service);

  let health: Record<string, string> | undefined;
  let methodUsed: CapabilityReport['method'] = 'calls';
  if (method === 'health') {
    health = await fetchHealth(aws.target.endpoint!);
    if (health) methodUsed = 'health';
  }
  const accountId = (await aws.identity()).accountId;
  const unavailableServices = new Set<ServiceName>();
  await Promise.all(
    [...wanted].map(async (service) => {
      if (health) {
        const state = health[service];
        if (state === undefined) {
          missing.push({ need: service, reason: `${aws.target.description.label} does not list ${services[service].title} (${service}) in its health report${aws.target.kind === 'localstack' ? '; it may be a paid feature there' : ': it does not emulate that service (yet)'}` });
          unavailableServices.add(service);
        } else if (!['available', 'running'].includes(state)) {
          missing.push({ need: service, reason: `${aws.target.description.label} reports ${services[service].title} as "${state}"` });
          unavailableServices.add(service);
        }
        return;
      }
      const probe = services[service].probe;
      const problem = await callProbe(aws, service, probe.operation, fill(probe.input, accountId));
      if (problem) {
        missing.push({ need: service, reason: `${services[service].title} does not answer there: ${problem}` });
        unavailableServices.add(service);
      }
    }),
  );
  const notProbed: string[] = [];
  await Promise.all(
    ops.map(async ({ service, operation }) => {
      if (unavailableServices.has(service)) return;
      if (!readLike.test(operation)) {
        notProbed.push(`${service}:${operation}`);
        return;
      }
      const problem = await callProbe(aws, service, operation, placeholderInput(accountId));
      if (problem) missing.push({ need: `${service}:${operation}`, reason: problem });
    }),
  );
  missing.sort((a, b) => a.need.localeCompare(b.need));
  notProbed.sort();
  return { available: missing.length === 0, method: methodUsed, missing, notProbed };
}

/** Calls one operation; returns why it is unsupported, or undefined when it exists. */
async function callProbe(aws: AwsClients, service: ServiceName, operation: string, input: Record<string, unknown>): Promise<string | undefined> {
  const mod = await services[service].load();
  const Command = mod[`${operation}Command`];
  if (typeof Command !== 'function') return `the AWS SDK has no ${service} operation named ${operation}`;
  const client = (await aws.client(service)) as { send(command: unknown): Promise<unknown> };
  try {
    await client.send(new Command(input));
    return undefined;
  } catch (error) {
    const info = toAwsErrorInfo(error, `${service}:${operation}`);
    if (isNetworkError(info)) throw new TargetUnreachableError(info, aws.target.description.label);
    if (isUnsupportedOperation(info)) return `${operation} is not implemented there (${info.code}: ${info.message})`;
    // Client-side serialisation errors (a missing required label) mean our placeholder was incomplete, not that the operation is missing.
    return undefined;
  }
}

async function fetchHealth(endpoint: string): Promise<Record<string, string> | undefined> {
  const body = await fetchHealthReport(endpoint);
  return body?.services && typeof body.services === 'object' ? body.services : undefined;
}

async function fetchHealthReport(endpoint: string): Promise<{ services?: Record<string, string>; features?: Record<string, string> } | undefined> {
  try {
    const response = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    return (await response.json()) as { services?: Record<string, string>; features?: Record<string, string> };
  } catch {
    return undefined;
  }
}

/** The requirements a target does not meet, each with the reason and what to do about it. */
async function unmetRequirements(aws: AwsClients, requires: readonly LabRequirement[]): Promise<MissingCapability[]> {
  const missing: MissingCapability[] = [];
  for (const need of requires) {
    const reason = await requirementProblem(aws, need);
    if (reason) missing.push({ need, reason });
  }
  return missing;
}

async function requirementProblem(aws: AwsClients, need: LabRequirement): Promise<string | undefined> {
  const target = aws.target;
  switch (need) {
    case 'scp-enforcement':
      // A strict tenant account of the emulator is enforced whatever the emulator's global setting.
      if (target.enforcesIam) return undefined;
      if (target.kind === 'embedded') {
        const features = (await fetchHealthReport(target.endpoint!))?.features;
        if (features?.scpEnforcement === 'enabled') return undefined;
        return `${target.description.label} does not enforce IAM policies and SCPs; start the emulator with MLSEC_EMULATOR_ENFORCE_IAM=1 (npm start or npm run emulator)`;
      }
      if (target.kind === 'aws') {
        return 'this lab creates an AWS Organizations organization, an OU and a member account, which a sandbox account should not do (and an account cannot simply be deleted again); run it on the embedded emulator with MLSEC_EMULATOR_ENFORCE_IAM=1';
      }
      return `${target.description.label} does not enforce service control policies (LocalStack, moto and other emulators store SCPs without applying them); run this lab on the embedded emulator with MLSEC_EMULATOR_ENFORCE_IAM=1`;
  }
}

function fill(input: Record<string, unknown>, accountId: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === '{account}' ? accountId : v]));
}

const placeholder = 'mlsec-capability-probe';

/** Identifiers that name nothing real, for every parameter name the read operations labs use take. */
function placeholderInput(accountId: string): Record<string, unknown> {
  return {
    Bucket: `${placeholder}-${Math.random().toString(36).slice(2, 10)}`,
    Key: placeholder,
    AccountId: accountId,
    KeyId: `alias/${placeholder}`,
    RoleName: placeholder,
    UserName: placeholder,
    GroupName: placeholder,
    PolicyName: placeholder,
    PolicyArn: `arn:aws:iam::${accountId}:policy/${placeholder}`,
    PolicySourceArn: `arn:aws:iam::${accountId}:role/${placeholder}`,
    ActionNames: ['s3:GetObject'],
    PolicyInputList: ['{"Version":"2012-10-17","Statement":[]}'],
    SecretId: placeholder,
    NotebookInstanceName: placeholder,
    NotebookInstanceLifecycleConfigName: placeholder,
    TrainingJobName: placeholder,
    ModelName: placeholder,
    EndpointName: placeholder,
    EndpointConfigName: placeholder,
    MonitoringScheduleName: placeholder,
    ModelPackageGroupName: placeholder,
    DomainId: placeholder,
    Name: placeholder,
    TrailName: placeholder,
    trailNameList: [placeholder],
    logGroupName: placeholder,
    logGroupIdentifier: placeholder,
    AlarmNames: [placeholder],
    ServiceNamespace: 'sagemaker',
    PolicyId: 'p-examplepolicyid111',
    TargetId: 'r-examplerootid111',
    Filter: 'SERVICE_CONTROL_POLICY',
    BudgetName: placeholder,
  };
}
