/** Organizational units and the tree: OU CRUD, ListChildren, ListParents, ListOrganizationalUnitsForParent. */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { attachDefaults, forgetTarget } from './attachments.ts';
import { arns, checkParentId, checkTags, constraintViolation, ERRORS, invalidInput, isAccountId, isOuId, managedOrganization, newOuId, page, parentExists, visibleAccount } from './common.ts';
import type { Organization, OrgUnit } from './state.ts';

/** AWS's quotas: OUs may nest five levels below the root; an organization holds up to 2,000 OUs. */
const MAX_OU_DEPTH = 5;
const MAX_OUS = 2000;

function ouOutput(org: Organization, ou: OrgUnit): ORG.OrganizationalUnit {
  return { Id: ou.id, Arn: arns.ou(org, ou.id), Name: ou.name };
}

function checkOuName(name: string): void {
  if (name.length < 1) throw invalidInput('MIN_LENGTH_EXCEEDED', 'You provided an OU name that is too short: use 1 to 128 characters.');
  if (name.length > 128) throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided an OU name that is too long: use 1 to 128 characters.');
}

export function findOu(org: Organization, id: string): OrgUnit {
  if (!isOuId(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  const ou = org.ous.get(id);
  if (!ou) throw ERRORS.ouNotFound();
  return ou;
}

function requireParent(org: Organization, parentId: string): void {
  checkParentId(parentId);
  if (!parentExists(org, parentId)) throw ERRORS.parentNotFound();
}

/** How many OUs deep a parent is (the root is 0). */
function depthOf(org: Organization, parentId: string): number {
  let depth = 0;
  for (let id = parentId; id !== org.root.id; id = org.ous.get(id)!.parentId) depth++;
  return depth;
}

function requireUniqueName(org: Organization, parentId: string, name: string, except?: string): void {
  for (const ou of org.ous.values()) {
    if (ou.parentId === parentId && ou.name === name && ou.id !== except) {
      throw new AwsServiceError('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
    }
  }
}

export function createOrganizationalUnit(input: ORG.CreateOrganizationalUnitRequest, ctx: RequestContext): Output<ORG.CreateOrganizationalUnitResponse> {
  const org = managedOrganization(ctx, true);
  checkOuName(input.Name!);
  const tags = checkTags(input.Tags);
  requireParent(org, input.ParentId!);
  if (depthOf(org, input.ParentId!) >= MAX_OU_DEPTH) throw constraintViolation('OU_DEPTH_LIMIT_EXCEEDED', 'You attempted to create an OU tree that is too many levels deep.');
  if (org.ous.size >= MAX_OUS) throw constraintViolation('OU_NUMBER_LIMIT_EXCEEDED', 'You attempted to exceed the number of OUs that you can have in an organization.');
  requireUniqueName(org, input.ParentId!, input.Name!);
  const ou: OrgUnit = { id: newOuId(org.root.id), name: input.Name!, parentId: input.ParentId!, createdAt: ctx.now, tags };
  org.ous.set(ou.id, ou);
  attachDefaults(org, ou.id);
  return { OrganizationalUnit: ouOutput(org, ou) };
}

export function describeOrganizationalUnit(input: ORG.DescribeOrganizationalUnitRequest, ctx: RequestContext): Output<ORG.DescribeOrganizationalUnitResponse> {
  const org = managedOrganization(ctx);
  return { OrganizationalUnit: ouOutput(org, findOu(org, input.OrganizationalUnitId!)) };
}

export function updateOrganizationalUnit(input: ORG.UpdateOrganizationalUnitRequest, ctx: RequestContext): Output<ORG.UpdateOrganizationalUnitResponse> {
  const org = managedOrganization(ctx, true);
  const ou = findOu(org, input.OrganizationalUnitId!);
  if (input.Name !== undefined) {
    checkOuName(input.Name);
    requireUniqueName(org, ou.parentId, input.Name, ou.id);
    ou.name = input.Name;
  }
  return { OrganizationalUnit: ouOutput(org, ou) };
}

export function deleteOrganizationalUnit(input: ORG.DeleteOrganizationalUnitRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  const ou = findOu(org, input.OrganizationalUnitId!);
  const hasChildren = [...org.ous.values()].some((o) => o.parentId === ou.id) || [...org.accounts.values()].some((a) => a.parentId === ou.id);
  if (hasChildren) {
    throw new AwsServiceError('OrganizationalUnitNotEmptyException', 'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.');
  }
  org.ous.delete(ou.id);
  forgetTarget(org, ou.id);
  return {};
}

export function listOrganizationalUnitsForParent(input: ORG.ListOrganizationalUnitsForParentRequest, ctx: RequestContext): Output<ORG.ListOrganizationalUnitsForParentResponse> {
  const org = managedOrganization(ctx);
  requireParent(org, input.ParentId!);
  const ous = [...org.ous.values()].filter((ou) => ou.parentId === input.ParentId).map((ou) => ouOutput(org, ou));
  const { items, nextToken } = page(ous, input, ['ousForParent', input.ParentId]);
  return { OrganizationalUnits: items, NextToken: nextToken };
}

export function listChildren(input: ORG.ListChildrenRequest, ctx: RequestContext): Output<ORG.ListChildrenResponse> {
  const org = managedOrganization(ctx);
  if (input.ChildType !== 'ACCOUNT' && input.ChildType !== 'ORGANIZATIONAL_UNIT') throw invalidInput('INVALID_ENUM', 'You specified an invalid value.');
  requireParent(org, input.ParentId!);
  const children: ORG.Child[] =
    input.ChildType === 'ACCOUNT'
      ? [...org.accounts.values()].filter((a) => a.parentId === input.ParentId && visibleAccount(org, a.id, ctx.now)).map((a) => ({ Id: a.id, Type: 'ACCOUNT' }))
      : [...org.ous.values()].filter((o) => o.parentId === input.ParentId).map((o) => ({ Id: o.id, Type: 'ORGANIZATIONAL_UNIT' }));
  const { items, nextToken } = page(children, input, ['children', input.ParentId, input.ChildType]);
  return { Children: items, NextToken: nextToken };
}

export function listParents(input: ORG.ListParentsRequest, ctx: RequestContext): Output<ORG.ListParentsResponse> {
  const org = managedOrganization(ctx);
  const childId = input.ChildId!;
  if (!isAccountId(childId) && !isOuId(childId)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  const parentId = isAccountId(childId) ? visibleAccount(org, childId, ctx.now)?.parentId : org.ous.get(childId)?.parentId;
  if (!parentId) throw ERRORS.childNotFound();
  const parents: ORG.Parent[] = [{ Id: parentId, Type: parentId === org.root.id ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
  const { items, nextToken } = page(parents, input, ['parents', childId]);
  return { Parents: items, NextToken: nextToken };
}
