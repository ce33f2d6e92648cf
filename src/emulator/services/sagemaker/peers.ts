/**
 * What SageMaker checks in other services before it accepts a resource: that subnets and security
 * groups exist in EC2 (and belong to one VPC), and that KMS keys exist and are enabled. Each check
 * runs only when that service is emulated here (`ctx.hasService`); without it the reference is
 * accepted as given (documented in limitations.ts).
 *
 * The peers' state is read through the few fields named below, so this file is the whole contract
 * between SageMaker and EC2/KMS.
 */
import type { RequestContext } from '../../core/context.ts';
import { validation } from './common.ts';

interface Ec2View {
  subnets: Map<string, { subnetId: string; vpcId: string; availabilityZone?: string }>;
  securityGroups: Map<string, { groupId: string; vpcId: string }>;
}

interface KmsView {
  keys: Map<string, { keyId: string; arn: string; keyState: string }>;
  aliases: Map<string, { aliasName: string; targetKeyId: string }>;
}

/** Checks that the subnets and security groups exist; returns the VPC they are in (undefined without EC2). */
export function checkNetwork(ctx: RequestContext, subnetIds: readonly string[], securityGroupIds: readonly string[]): string | undefined {
  if (!ctx.hasService('ec2')) return undefined;
  const ec2 = ctx.stateOf<Ec2View>('ec2');
  const vpcs = new Set<string>();
  for (const id of subnetIds) {
    const subnet = ec2.subnets.get(id);
    if (!subnet) throw validation(`The subnet ID '${id}' does not exist`);
    vpcs.add(subnet.vpcId);
  }
  for (const id of securityGroupIds) {
    const group = ec2.securityGroups.get(id);
    if (!group) throw validation(`The security group '${id}' does not exist`);
    vpcs.add(group.vpcId);
  }
  if (vpcs.size > 1) {
    throw validation(`The subnets and security groups must belong to the same VPC; they belong to ${[...vpcs].sort().join(', ')}.`);
  }
  return [...vpcs][0];
}

/** The VPC of one subnet (undefined without EC2 or for an unknown subnet). */
export function vpcOfSubnet(ctx: RequestContext, subnetId: string): string | undefined {
  if (!ctx.hasService('ec2')) return undefined;
  return ctx.stateOf<Ec2View>('ec2').subnets.get(subnetId)?.vpcId;
}

/**
 * Checks that a KMS key reference (key id, key ARN, alias name or alias ARN) names an enabled key.
 * `member` names the request member for the message (KmsKeyId, VolumeKmsKeyId …).
 */
export function checkKmsKey(ctx: RequestContext, reference: string | undefined, member: string): void {
  if (reference === undefined || !ctx.hasService('kms')) return;
  let account = ctx.accountId;
  let region = ctx.region;
  let id = reference;
  const arn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/.exec(reference);
  if (arn) {
    [, region, account, id] = arn as unknown as [string, string, string, string];
    if (account !== ctx.accountId && !ctx.accountIds().includes(account)) return;
  }
  const kms = ctx.stateOf<KmsView>('kms', account, region);
  let keyId = id.startsWith('key/') ? id.slice(4) : id;
  if (id.startsWith('alias/')) {
    const alias = kms.aliases.get(id);
    if (!alias) throw validation(`${member} '${reference}' does not name an existing KMS key: alias ${id} does not exist in ${region}.`);
    keyId = alias.targetKeyId;
  }
  const key = kms.keys.get(keyId);
  if (!key) throw validation(`${member} '${reference}' does not name an existing KMS key in account ${account}, region ${region}.`);
  if (key.keyState !== 'Enabled') throw validation(`${member} '${reference}': the KMS key ${key.arn} is ${key.keyState}; SageMaker needs an enabled key.`);
}
