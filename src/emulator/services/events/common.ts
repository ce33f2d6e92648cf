/** Names, ARNs, look-ups and errors shared by the EventBridge handlers. */
import { decodeScopedToken, encodeScopedToken } from '../../core/next-token.ts';
import { arnIn } from '../../core/arn.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { RequestContext } from '../../core/context.ts';
import type { EventBridgeState, EventBusState, RuleState } from './state.ts';

export type Ctx = RequestContext<EventBridgeState>;

export const validation = (message: string) => new AwsServiceError('ValidationException', message);
export const notFound = (message: string) => new AwsServiceError('ResourceNotFoundException', message);

export function busArn(ctx: { region: string; accountId: string }, name: string): string {
  return arnIn(ctx, 'events', `event-bus/${name}`);
}

export function ruleArn(ctx: { region: string; accountId: string }, rule: { name: string; busName: string }): string {
  return arnIn(ctx, 'events', `rule/${rule.busName === 'default' ? '' : `${rule.busName}/`}${rule.name}`);
}

export const ruleKey = (bus: string, name: string) => `${bus}\u0000${name}`;

/** An EventBusName parameter (a name or an ARN in this account and region) as a bus name. */
export function busName(ctx: Ctx, nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return 'default';
  const m = /^arn:aws[a-z-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/.exec(nameOrArn);
  if (!m) return nameOrArn;
  if (m[1] !== ctx.region || m[2] !== ctx.accountId) throw notFound(`Event bus ${nameOrArn} does not exist.`);
  return m[3]!;
}

/** The bus, creating the default bus on first use (it always exists on AWS). */
export function getBus(ctx: Ctx, name: string, state: EventBridgeState = ctx.state()): EventBusState {
  let bus = state.buses.get(name);
  if (!bus && name === 'default') {
    bus = { name: 'default', creationTime: ctx.now, lastModifiedTime: ctx.now, tags: {} };
    state.buses.set('default', bus);
  }
  if (!bus) throw notFound(`Event bus ${name} does not exist.`);
  return bus;
}

export function findRule(ctx: Ctx, name: string, bus: string): RuleState {
  getBus(ctx, bus);
  const rule = ctx.state().rules.get(ruleKey(bus, name));
  if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
  return rule;
}

/** Opaque pagination tokens (core/next-token.ts) bound to the request that produced them. */
export function encodeToken(position: number, fingerprint: string): string {
  return encodeScopedToken(position, fingerprint);
}

export function decodeToken(token: string | undefined, fingerprint: string): number {
  const position = decodeScopedToken(token, fingerprint, () => validation('The NextToken provided is invalid.'));
  if (typeof position === 'string') throw validation('The NextToken provided is invalid.');
  return position ?? 0;
}

export const BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;
export const RULE_NAME = /^[.\-_A-Za-z0-9]+$/;
