/**
 * What EC2 knows about the world outside one account: regions, their Availability Zones (names and
 * zone ids), the AWS-managed prefix lists of S3 and DynamoDB, and the AWS services a VPC endpoint
 * can reach. Regions the table does not list (any name a client signs for) get three zones a–c.
 */
import { createHash } from 'node:crypto';

interface RegionInfo {
  /** Zone letters in this region, in order. */
  zones: string;
  /** Zone-id prefix, e.g. `use1` for `use1-az1`. */
  idPrefix: string;
  optIn: boolean;
}

const REGIONS: Readonly<Record<string, RegionInfo>> = {
  'us-east-1': { zones: 'abcdef', idPrefix: 'use1', optIn: false },
  'us-east-2': { zones: 'abc', idPrefix: 'use2', optIn: false },
  'us-west-1': { zones: 'ac', idPrefix: 'usw1', optIn: false },
  'us-west-2': { zones: 'abcd', idPrefix: 'usw2', optIn: false },
  'ca-central-1': { zones: 'abd', idPrefix: 'cac1', optIn: false },
  'sa-east-1': { zones: 'abc', idPrefix: 'sae1', optIn: false },
  'eu-west-1': { zones: 'abc', idPrefix: 'euw1', optIn: false },
  'eu-west-2': { zones: 'abc', idPrefix: 'euw2', optIn: false },
  'eu-west-3': { zones: 'abc', idPrefix: 'euw3', optIn: false },
  'eu-central-1': { zones: 'abc', idPrefix: 'euc1', optIn: false },
  'eu-north-1': { zones: 'abc', idPrefix: 'eun1', optIn: false },
  'ap-south-1': { zones: 'abc', idPrefix: 'aps1', optIn: false },
  'ap-northeast-1': { zones: 'acd', idPrefix: 'apne1', optIn: false },
  'ap-northeast-2': { zones: 'abcd', idPrefix: 'apne2', optIn: false },
  'ap-northeast-3': { zones: 'abc', idPrefix: 'apne3', optIn: false },
  'ap-southeast-1': { zones: 'abc', idPrefix: 'apse1', optIn: false },
  'ap-southeast-2': { zones: 'abc', idPrefix: 'apse2', optIn: false },
  'af-south-1': { zones: 'abc', idPrefix: 'afs1', optIn: true },
  'ap-east-1': { zones: 'abc', idPrefix: 'ape1', optIn: true },
  'ap-southeast-3': { zones: 'abc', idPrefix: 'apse3', optIn: true },
  'eu-south-1': { zones: 'abc', idPrefix: 'eus1', optIn: true },
  'me-south-1': { zones: 'abc', idPrefix: 'mes1', optIn: true },
};

export interface Zone {
  readonly zoneName: string;
  readonly zoneId: string;
  readonly region: string;
}

export function knownRegions(): { name: string; optIn: boolean }[] {
  return Object.entries(REGIONS).map(([name, info]) => ({ name, optIn: info.optIn }));
}

export function isKnownRegion(region: string): boolean {
  return region in REGIONS;
}

const zoneCache = new Map<string, Zone[]>();

/** The region's Availability Zones in order (a, b, c …). */
export function zonesOf(region: string): Zone[] {
  let zones = zoneCache.get(region);
  if (!zones) {
    const info = REGIONS[region] ?? { zones: 'abc', idPrefix: region.replace(/[^a-z0-9]/g, '').slice(0, 8), optIn: false };
    zones = [...info.zones].map((letter, i) => ({ zoneName: `${region}${letter}`, zoneId: `${info.idPrefix}-az${i + 1}`, region }));
    zoneCache.set(region, zones);
  }
  return zones;
}

export function findZone(region: string, nameOrId: string): Zone | undefined {
  return zonesOf(region).find((z) => z.zoneName === nameOrId || z.zoneId === nameOrId);
}

/** A stable pseudo-random hex string for ids that must not change between runs. */
export function stableHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

// ── AWS-managed prefix lists (gateway endpoint routes, security group rules) ────────────────────

export interface ManagedPrefixList {
  readonly id: string;
  readonly name: string;
  readonly cidrs: readonly string[];
}

/** The prefix-list ids AWS uses in the best-known regions; others are derived (stable). */
const KNOWN_PREFIX_LISTS: Readonly<Record<string, { s3: string; dynamodb: string }>> = {
  'us-east-1': { s3: 'pl-63a5400a', dynamodb: 'pl-02cd2c6b' },
  'us-west-2': { s3: 'pl-68a54001', dynamodb: 'pl-00a54069' },
  'eu-west-1': { s3: 'pl-6da54004', dynamodb: 'pl-6fa54006' },
};

/** Representative (not complete) address ranges; enough for DescribePrefixLists to answer. */
const PREFIX_CIDRS: Readonly<Record<'s3' | 'dynamodb', readonly string[]>> = {
  s3: ['3.5.0.0/19', '16.15.192.0/18', '52.216.0.0/15', '54.231.0.0/16'],
  dynamodb: ['3.218.180.0/22', '35.71.64.0/22', '52.94.0.0/22'],
};

export function managedPrefixLists(region: string): ManagedPrefixList[] {
  const known = KNOWN_PREFIX_LISTS[region];
  return (['s3', 'dynamodb'] as const).map((service) => ({
    id: known?.[service] ?? `pl-${stableHex(`${region}/${service}`, 8)}`,
    name: `com.amazonaws.${region}.${service}`,
    cidrs: PREFIX_CIDRS[service],
  }));
}

// ── services reachable through VPC endpoints ────────────────────────────────────────────────────

export interface EndpointService {
  readonly serviceName: string;
  readonly type: 'Gateway' | 'Interface';
  /** The service's own DNS name that private DNS resolves inside the VPC (interface endpoints). */
  readonly privateDnsName?: string;
  /** The service-specific part of endpoint DNS names, e.g. `sagemaker.api`. */
  readonly shortName: string;
}

/** AWS services with interface endpoints that ML labs use (a subset of the ~150 AWS offers). */
const INTERFACE_SERVICES = [
  'sagemaker.api', 'sagemaker.runtime', 'sagemaker.featurestore-runtime', 'sagemaker.metrics',
  'sts', 'kms', 'secretsmanager', 'logs', 'monitoring', 'events', 'cloudtrail',
  'ecr.api', 'ecr.dkr', 'ecs', 'ecs-agent', 'ecs-telemetry',
  'ssm', 'ssmmessages', 'ec2messages', 'ec2', 'elasticloadbalancing', 'autoscaling', 'application-autoscaling',
  'lambda', 'sns', 'sqs', 'states', 'execute-api', 'glue', 'athena', 'kinesis-streams', 'kinesis-firehose',
  'codecommit', 'git-codecommit', 'codebuild', 'codepipeline', 'config', 'elasticfilesystem',
  'bedrock', 'bedrock-runtime', 'bedrock-agent', 'bedrock-agent-runtime', 'servicecatalog', 'xray', 'access-analyzer',
  's3', 'dynamodb',
] as const;

/** `sagemaker.api` → `api.sagemaker.<region>.amazonaws.com`; `sts` → `sts.<region>.amazonaws.com`. */
function privateDnsFor(short: string, region: string): string | undefined {
  switch (short) {
    case 'ecr.dkr': return `*.dkr.ecr.${region}.amazonaws.com`;
    // S3 and DynamoDB interface endpoints resolve only their endpoint-specific names by default.
    case 's3': return `*.s3.${region}.amazonaws.com`;
    case 'dynamodb': return `*.ddb.${region}.amazonaws.com`;
    case 'kinesis-streams': return `kinesis.${region}.amazonaws.com`;
    case 'kinesis-firehose': return `firehose.${region}.amazonaws.com`;
    case 'git-codecommit': return `git-codecommit.${region}.amazonaws.com`;
  }
  const dot = short.indexOf('.');
  return dot === -1 ? `${short}.${region}.amazonaws.com` : `${short.slice(dot + 1)}.${short.slice(0, dot)}.${region}.amazonaws.com`;
}

const serviceCache = new Map<string, EndpointService[]>();

/** Every endpoint service of a region: S3/DynamoDB as Gateway and Interface, the rest Interface. */
export function endpointServices(region: string): EndpointService[] {
  let services = serviceCache.get(region);
  if (!services) {
    services = [
      { serviceName: `com.amazonaws.${region}.dynamodb`, type: 'Gateway', shortName: 'dynamodb' },
      { serviceName: `com.amazonaws.${region}.s3`, type: 'Gateway', shortName: 's3' },
      ...INTERFACE_SERVICES.map((short): EndpointService => ({
        serviceName: `com.amazonaws.${region}.${short}`,
        type: 'Interface',
        shortName: short,
        privateDnsName: privateDnsFor(short, region),
      })),
      { serviceName: `aws.sagemaker.${region}.notebook`, type: 'Interface', shortName: 'notebook', privateDnsName: `*.notebook.${region}.sagemaker.aws` },
      { serviceName: `aws.sagemaker.${region}.studio`, type: 'Interface', shortName: 'studio', privateDnsName: `*.studio.${region}.sagemaker.aws` },
    ];
    services.sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.type.localeCompare(b.type));
    serviceCache.set(region, services);
  }
  return services;
}

export function findEndpointService(region: string, serviceName: string, type: 'Gateway' | 'Interface'): EndpointService | undefined {
  return endpointServices(region).find((s) => s.serviceName === serviceName && s.type === type);
}

/** Route 53 hosted zone of a region's `*.vpce.amazonaws.com` names (us-east-1's is AWS's own). */
export function endpointHostedZone(region: string): string {
  if (region === 'us-east-1') return 'Z7HUB22UULQXV';
  return `Z${stableHex(`vpce-zone/${region}`, 12).toUpperCase()}`;
}
