/**
 * AWS managed keys (alias/aws/s3, alias/aws/secretsmanager …). AWS creates one lazily the first
 * time a service needs it in an account and region — or when someone calls DescribeKey or a
 * cryptographic operation with the alias. Until then ListAliases shows the predefined alias with no
 * TargetKeyId. The emulator does the same for the aliases below, with the key policies AWS attaches
 * to them (from AWS accounts, account id and region substituted) and yearly automatic rotation.
 *
 * The key id is derived from the account, region and alias, so a key that DescribeKey brought into
 * being (a read that is not persisted by itself) keeps its id across a restart.
 */
import { createHash } from 'node:crypto';
import { kmsPrettyJson } from './policy-text.ts';
import type { KmsAlias, KmsKey, KmsState } from './state.ts';

const DAY_MS = 86_400_000;

export interface AwsManagedKeySpec {
  /** The service that may use the key (kms:ViaService `<service>.<region>.amazonaws.com`). */
  readonly service: string;
  readonly description: string;
  readonly policy: (accountId: string, region: string) => string;
}

type Statement = Record<string, unknown>;

function viaService(sid: string, actions: string[], conditions: Record<string, Record<string, string>>): Statement {
  return { Sid: sid, Effect: 'Allow', Principal: { AWS: '*' }, Action: actions.length === 1 ? actions[0] : actions, Resource: '*', Condition: conditions };
}

function metadata(accountId: string, actions: string[]): Statement {
  return { Sid: 'Allow direct access to key metadata to the account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: actions, Resource: '*' };
}

const META = ['kms:Describe*', 'kms:Get*', 'kms:List*'];
const META_REVOKE = [...META, 'kms:RevokeGrant'];
const USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

function standard(id: string, name: string, service: string, actions: string[], meta: string[], viaFirst: boolean) {
  return (accountId: string, region: string) => {
    const via = `${service}.${region}.amazonaws.com`;
    const condition = viaFirst ? { 'kms:ViaService': via, 'kms:CallerAccount': accountId } : { 'kms:CallerAccount': accountId, 'kms:ViaService': via };
    return kmsPrettyJson({
      Version: '2012-10-17',
      Id: id,
      Statement: [viaService(`Allow access through ${name} for all principals in the account that are authorized to use ${name}`, actions, { StringEquals: condition }), metadata(accountId, meta)],
    });
  };
}

function describes(what: string): string {
  return `Default key that protects my ${what} when no other key is defined`;
}

export const AWS_MANAGED_KEYS: Readonly<Record<string, AwsManagedKeySpec>> = {
  'alias/aws/s3': { service: 's3', description: describes('S3 objects'), policy: standard('auto-s3-2', 'S3', 's3', [...USE, 'kms:DescribeKey'], META, false) },
  'alias/aws/ebs': { service: 'ec2', description: describes('EBS volumes'), policy: standard('auto-ebs-2', 'EBS', 'ec2', [...USE, 'kms:CreateGrant', 'kms:DescribeKey'], META_REVOKE, true) },
  'alias/aws/lambda': { service: 'lambda', description: describes('Lambda functions'), policy: standard('auto-awslambda', 'AWS Lambda', 'lambda', [...USE, 'kms:CreateGrant', 'kms:DescribeKey'], META_REVOKE, false) },
  'alias/aws/ssm': { service: 'ssm', description: describes('SSM parameters'), policy: standard('auto-ssm-1', 'SSM', 'ssm', [...USE, 'kms:DescribeKey'], META, true) },
  'alias/aws/rds': { service: 'rds', description: describes('RDS database volumes'), policy: standard('auto-rds-2', 'RDS', 'rds', [...USE, 'kms:CreateGrant', 'kms:ListGrants', 'kms:DescribeKey'], META_REVOKE, true) },
  'alias/aws/glue': { service: 'glue', description: describes('Glue data'), policy: standard('auto-glue-1', 'Glue', 'glue', [...USE, 'kms:CreateGrant', 'kms:DescribeKey'], META_REVOKE, true) },
  'alias/aws/secretsmanager': {
    service: 'secretsmanager',
    description: describes('Secrets Manager data'),
    policy: (accountId, region) => {
      const name = 'AWS Secrets Manager';
      const sid = `Allow access through ${name} for all principals in the account that are authorized to use ${name}`;
      return kmsPrettyJson({
        Version: '2012-10-17',
        Id: 'auto-secretsmanager-2',
        Statement: [
          viaService(sid, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:CreateGrant', 'kms:DescribeKey'], { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com`, 'kms:CallerAccount': accountId } }),
          viaService(sid, ['kms:GenerateDataKey*'], { StringEquals: { 'kms:CallerAccount': accountId }, StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } }),
          metadata(accountId, META_REVOKE),
        ],
      });
    },
  },
  'alias/aws/dynamodb': {
    service: 'dynamodb',
    description: describes('DynamoDB data'),
    policy: (accountId) => {
      const name = 'Amazon DynamoDB';
      return kmsPrettyJson({
        Version: '2012-10-17',
        Id: 'auto-dynamodb-3',
        Statement: [
          viaService(`Allow access through ${name} for all principals in the account that are authorized to use ${name}`, [...USE, 'kms:CreateGrant', 'kms:DescribeKey'], { StringEquals: { 'kms:CallerAccount': accountId }, StringLike: { 'kms:ViaService': 'dynamodb.*.amazonaws.com' } }),
          metadata(accountId, META_REVOKE),
          { Sid: 'Allow DynamoDB to directly describe the key', Effect: 'Allow', Principal: { Service: 'dynamodb.amazonaws.com' }, Action: META, Resource: '*' },
        ],
      });
    },
  },
};

/** A stable, UUID-shaped key id for an account's AWS managed key in a region. */
export function awsManagedKeyId(accountId: string, region: string, aliasName: string): string {
  const h = createHash('sha256').update(`${accountId}/${region}/${aliasName}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Creates the AWS managed key for `aliasName` (if it is not there yet) and returns its alias. */
export function materializeAwsManagedKey(state: KmsState, aliasName: string, accountId: string, region: string, now: Date, newMaterial: (now: Date) => KmsKey['materials'][number]): KmsAlias {
  const existing = state.aliases.get(aliasName);
  if (existing) return existing;
  const spec = AWS_MANAGED_KEYS[aliasName];
  if (!spec) throw new Error(`emulator: ${aliasName} is not a predefined AWS managed key alias`);
  const keyId = awsManagedKeyId(accountId, region, aliasName);
  const key: KmsKey = {
    keyId,
    arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
    accountId,
    region,
    creationDate: now,
    description: spec.description,
    keyState: 'Enabled',
    keyManager: 'AWS',
    managedAlias: aliasName,
    policy: spec.policy(accountId, region),
    tags: [],
    rotation: { enabled: true, periodInDays: 365, nextRotationDate: new Date(now.getTime() + 365 * DAY_MS) },
    onDemandRotations: 0,
    materials: [newMaterial(now)],
  };
  state.keys.set(keyId, key);
  const alias: KmsAlias = { aliasName, targetKeyId: keyId, creationDate: now, lastUpdatedDate: now };
  state.aliases.set(aliasName, alias);
  return alias;
}
