/**
 * What SageMaker checks in other services before it accepts a resource: that subnets and security
 * groups exist in EC2 (and belong to one VPC), and that KMS keys exist and are enabled. Each check
 * runs only when that service is emulated here (`ctx.hasService`); without it the reference is
 * accepted as given (documented in limitations.ts).
 *
 * EC2 is read through its lookup helpers (services/ec2/network-lookup.ts, which create a region's
 * default VPC on first use as EC2 itself does) and KMS through its key-access helpers, so SageMaker
 * sees keys exactly as KMS resolves them (key id, key ARN, alias, alias ARN, AWS managed keys).
 */
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { findSecurityGroup, findSubnet, findVpc } from '../ec2/network-lookup.ts';
import { lookupKmsKey, resolveUsableKmsKey, type KmsState } from '../kms/key-access.ts';
import { validation } from './common.ts';

const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/;

/** Checks that the subnets and security groups exist; returns the VPC they are in (undefined without EC2). */
export function checkNetwork(ctx: RequestContext, subnetIds: readonly string[], securityGroupIds: readonly string[]): string | undefined {
  if (!ctx.hasService('ec2')) return undefined;
  const vpcs = new Set<string>();
  for (const id of subnetIds) {
    const subnet = findSubnet(ctx, id);
    if (!subnet) throw validation(`The subnet ID '${id}' does not exist`);
    vpcs.add(subnet.vpcId);
  }
  for (const id of securityGroupIds) {
    const group = findSecurityGroup(ctx, id);
    if (!group) throw validation(`The security group '${id}' does not exist`);
    vpcs.add(group.vpcId);
  }
  if (vpcs.size > 1) {
    throw validation(`The subnets and security groups must belong to the same VPC; they belong to ${[...vpcs].sort().join(', ')}.`);
  }
  return [...vpcs][0];
}

/** Checks that a VPC exists (when EC2 is emulated). */
export function checkVpc(ctx: RequestContext, vpcId: string): void {
  if (ctx.hasService('ec2') && !findVpc(ctx, vpcId)) throw validation(`The vpc ID '${vpcId}' does not exist`);
}

/** The VPC of one subnet (undefined without EC2 or for an unknown subnet). */
export function vpcOfSubnet(ctx: RequestContext, subnetId: string): string | undefined {
  if (!ctx.hasService('ec2')) return undefined;
  return findSubnet(ctx, subnetId)?.vpcId;
}

/**
 * Checks that a KMS key reference (key id, key ARN, alias name or alias ARN) names an enabled key
 * SageMaker may use. `member` names the request member for the message (KmsKeyId, VolumeKmsKeyId …).
 * A key of an account the emulator has never seen is accepted as given, like such an execution role.
 */
export function checkKmsKey(ctx: RequestContext, reference: string | undefined, member: string): void {
  if (reference === undefined || reference === '' || !ctx.hasService('kms')) return;
  const arn = KMS_ARN.exec(reference);
  const region = arn?.[1] ?? ctx.region;
  const account = arn?.[2] ?? ctx.accountId;
  if (account !== ctx.accountId && !ctx.accountIds().includes(account)) return;
  try {
    resolveUsableKmsKey(ctx, reference, { viaService: 'sagemaker', operation: 'CreateGrant' });
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    const alias = /(?:^|:)(alias\/.+)$/.exec(reference)?.[1];
    if (error.code === 'NotFoundException') {
      throw validation(alias
        ? `${member} '${reference}' does not name an existing KMS key: alias ${alias} does not exist in ${region}.`
        : `${member} '${reference}' does not name an existing KMS key in account ${account}, region ${region}.`);
    }
    if (error.code === 'DisabledException' || error.code === 'KMSInvalidStateException') {
      const kms = ctx.peekStateOf<KmsState>('kms', account, region);
      const key = kms && lookupKmsKey(kms, reference);
      throw validation(`${member} '${reference}': the KMS key ${key?.arn ?? reference} is ${key?.keyState ?? 'not usable'}; SageMaker needs an enabled key.`);
    }
    throw validation(`${member} '${reference}': ${error.message}`);
  }
}
