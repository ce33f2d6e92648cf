/**
 * What a service may attach to the running emulator beyond its request handlers: a record hook
 * (CloudTrail sees every call), data kept outside account state (CloudTrail's event history, which
 * is too large and too append-heavy to rewrite with the account file), and work that must finish
 * on flush/stop (log-file delivery). A definition opts in with `attach(host)`; the emulator calls
 * it once at construction and reaches the returned attachment on flush, stop, reset and status.
 */
import type { RequestContext } from '../core/context.ts';
import type { RecordHook } from '../pipeline/hooks.ts';
import type { ServiceModel } from '../schema/service-model.ts';
import type { ServiceDefinition } from './define-service.ts';

export interface ServiceHost {
  /** The attaching service's id. */
  readonly serviceId: string;
  /** The emulator's data directory (undefined when it keeps everything in memory). */
  readonly dataDir: string | undefined;
  /** This service's settings (`startEmulator({ serviceSettings: { [id]: {…} } })`). */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly log: (message: string) => void;
  /** The emulator's clock. */
  now(): Date;
  /** Adds a hook that sees every call with its outcome (docs/emulator.md, "The request pipeline"). */
  addRecorder(hook: RecordHook): void;
  /** A registered service's definition and, once a call has loaded it, its API model. */
  service(serviceId: string): { readonly definition: ServiceDefinition<any>; readonly api: ServiceModel | undefined } | undefined;
  /** A service's state outside any request (created on first use), as `ctx.stateOf`. */
  stateOf<S>(serviceId: string, accountId: string, region?: string): S;
  /** Existing state only, as `ctx.peekStateOf`. */
  peekStateOf<S>(serviceId: string, accountId: string, region?: string): S | undefined;
  /** Regions in which an account has any regional state. */
  regionsOf(accountId: string): string[];
  accountIds(): string[];
  /** Says an account's state changed outside a request, so persistence writes it. */
  changed(accountId: string): void;
  /** Another service's attachment `api` (how services hand each other work, e.g. CloudTrail → Logs). */
  attachmentOf<T>(serviceId: string): T | undefined;
  /**
   * Runs `fn` with a request context of the attaching service for an account and region, outside
   * any client request — so an attachment can use the service's own handlers' code (CloudWatch
   * Logs writes CloudTrail's deliveries as PutLogEvents would). State it touches is persisted;
   * metrics and events it produces travel the internal bus; what it throws reaches the caller.
   */
  runAs<T>(accountId: string, region: string, operation: string, fn: (ctx: RequestContext) => T): T;
  /** Publishes an AWS event (EventBridge envelope fields) on the emulator's internal event bus. */
  publishEvent(event: HostEvent): void;
}

/** An event for the internal bus, as a producer states it (the bus adds id and envelope). */
export interface HostEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly resources?: readonly string[];
  readonly time?: Date;
  readonly accountId: string;
  readonly region: string;
}

export interface ServiceAttachment {
  /** What the service's handlers get from `ctx.attachment()`. */
  readonly api?: unknown;
  /** Finishes pending work (called by `emulator.flush()` and `stop()`, before account state is written). */
  flush?(): Promise<void>;
  /** Forgets what it keeps for one account (or for every account), on disk too. */
  reset?(accountId?: string): void;
  /** Reported under `extensions` by `GET /_mlsec/status`. */
  status?(): Record<string, unknown>;
}
