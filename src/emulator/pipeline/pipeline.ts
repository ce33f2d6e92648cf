/**
 * The request pipeline, in named stages:
 *
 *   route → authenticate → parse → authorize → dispatch → serialize → record
 *
 * - route:        which service (credential scope, target, host …) and which operation (protocol)
 * - authenticate: access key → principal and account; strict mode verifies the signature.
 *                 Before parse, as on AWS: a badly signed request is refused before its
 *                 parameters are looked at.
 * - parse:        the protocol turns the request into typed input (validation errors here)
 * - authorize:    hooks (IAM enforcement plugs in here); none by default
 * - dispatch:     the provider's handler, with a RequestContext
 * - serialize:    the protocol turns output or error into the HTTP response
 * - record:       hooks that see every call with its outcome (CloudTrail plugs in here)
 */
import { Authenticator } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { readSignature } from '../auth/sigv4.ts';
import type { CredentialStore, OnBehalfRequest, RequestContext } from '../core/context.ts';
import { AwsServiceError } from '../core/errors.ts';
import { requestId as newRequestId } from '../core/ids.ts';
import { genericErrorResponse } from '../protocols/generic-error.ts';
import type { Protocol, Route, WireRequest, WireResponse } from '../protocols/wire.ts';
import type { ServiceRuntime } from '../services/service-runtime.ts';
import type { World } from '../state/world.ts';
import type { AuthorizeHook, Call, RecordHook } from './hooks.ts';
import { type BusOrigin, InternalBus } from './internal-bus.ts';
import { inflateRequestBody } from './request-compression.ts';
import type { ServiceRouter } from './service-router.ts';

export interface ConnectionInfo {
  readonly sourceIp: string;
  readonly secure: boolean;
}

export interface PipelineOptions {
  readonly world: World;
  readonly router: ServiceRouter;
  readonly verifySignatures: boolean;
  readonly defaultRegion: string;
  readonly now: () => number;
  /** Accounts whose state a non-read-only call touched; persistence writes them. */
  readonly onAccountsChanged: (accountIds: Iterable<string>) => void;
  readonly log: (message: string) => void;
  readonly maxBodyBytes: number;
  /** Per-service settings by service id (`ctx.settings`). */
  readonly serviceSettings?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** AWS's answer to a body over the limit: S3's EntityTooLarge, a 413 elsewhere. */
function tooLarge(protocol: Protocol, size: number, limit: number): AwsServiceError {
  if (protocol.name === 'restXml') {
    return new AwsServiceError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { status: 400, fields: { ProposedSize: size, MaxSizeAllowed: limit } });
  }
  return new AwsServiceError('RequestEntityTooLarge', `Request body of ${size} bytes exceeds the emulator's limit of ${limit} bytes (maxBodyBytes).`, { status: 413 });
}

/** A body that stopped arriving before its declared length: S3's RequestTimeout (400), or the 408 of other front ends. */
function stalled(protocol: Protocol, body: { received: number; declared: number }): AwsServiceError {
  if (protocol.name === 'restXml') {
    return new AwsServiceError('RequestTimeout', 'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.', { status: 400 });
  }
  return new AwsServiceError('RequestTimeoutException', `The request body stopped after ${body.received} of the ${body.declared} bytes its Content-Length declared; the connection was idle too long and is closed.`, { status: 408 });
}

/** Operations that only read (their calls never need a persistence write). */
const READ_ONLY = /^(Get|List|Describe|Head|Lookup|Simulate|Search|Select|Check|Decode)/;

/** A request as the pipeline carries it: aws-chunked decoding replaces the body and adds trailing headers. */
type MutableRequest = WireRequest & { body: Buffer; headers: Record<string, string | undefined> };

/** Authorizes work a service does on a caller's behalf (`ctx.authorizeOnBehalf`); set when IAM enforcement is on. */
export type OnBehalfAuthorizer = (call: Readonly<Call>, request: OnBehalfRequest) => void;

export class Pipeline {
  readonly authorizers: AuthorizeHook[] = [];
  readonly recorders: RecordHook[] = [];
  onBehalfAuthorizer: OnBehalfAuthorizer | undefined;
  /** Metrics and events between services (core/metrics.ts, core/events.ts). */
  readonly bus: InternalBus;
  private readonly options: PipelineOptions;
  private readonly authenticator: Authenticator;

  constructor(options: PipelineOptions) {
    this.options = options;
    this.authenticator = new Authenticator(options.world, { verifySignatures: options.verifySignatures, defaultRegion: options.defaultRegion, now: options.now });
    this.bus = new InternalBus({
      services: options.router.services,
      makeContext: (runtime, operation, accountId, region, origin, touched) =>
        this.buildContext(runtime, { requestId: origin.requestId, operation, accountId, region, principal: origin.principal, now: origin.now, secure: false, sourceIp: '', userAgent: '' }, origin, touched, () => {}, () => {}),
      onAccountsChanged: options.onAccountsChanged,
      log: options.log,
    });
  }

  async handle(request: WireRequest, connection: ConnectionInfo): Promise<WireResponse> {
    const started = performance.now();
    const call: Call = {
      requestId: newRequestId(),
      receivedAt: new Date(this.options.now()),
      method: request.method,
      path: request.path,
      host: request.host,
      sourceIp: connection.sourceIp,
      userAgent: request.headers['user-agent'] ?? '',
      secure: connection.secure,
    };
    const req = { ...request } as MutableRequest;
    // Known as soon as routing finds it, so even routing errors answer in the protocol's own shape.
    const speaking: { protocol?: Protocol } = {};
    let response: WireResponse;
    let touched: Set<string> | undefined;
    const changed = { readOnlyCallChangedState: false };
    try {
      const routed = await this.route(req, call, speaking);
      const protocol = routed.protocol;
      this.authenticate(req, call, routed.runtime, protocol);
      const operation = this.parse(req, call, routed.runtime, protocol, routed.route);
      await this.authorize(call);
      touched = new Set<string>();
      const output = await this.dispatch(call, routed.runtime, touched, connection, changed);
      response = protocol.serialize(operation, output, { requestId: call.requestId, method: request.method });
    } catch (thrown) {
      const error = this.toAwsError(thrown, call);
      call.error = error;
      response = speaking.protocol ? speaking.protocol.serializeError(error, { requestId: call.requestId, method: request.method }) : genericErrorResponse(request, error, call.requestId);
    }
    if (touched?.size && call.operation && (changed.readOnlyCallChangedState || !READ_ONLY.test(call.operation))) this.options.onAccountsChanged(touched);
    call.status = response.status;
    call.durationMs = performance.now() - started;
    this.record(call);
    return response;
  }

  // ── stages ───────────────────────────────────────────────────────────────────────────────────

  private async route(request: WireRequest, call: Call, speaking: { protocol?: Protocol }): Promise<{ runtime: ServiceRuntime; protocol: Protocol; route: Route }> {
    call.signature = readSignature(request);
    const runtime = await this.options.router.resolve(request, call.signature);
    call.service = runtime.id;
    if (!runtime.loaded) await runtime.load();
    const protocol = runtime.protocolFor(request);
    speaking.protocol = protocol;
    call.protocol = protocol.name;
    if (request.oversizedBytes !== undefined) throw tooLarge(protocol, request.oversizedBytes, this.options.maxBodyBytes);
    if (request.stalledBody) throw stalled(protocol, request.stalledBody);
    const route = protocol.route(request);
    call.operation = route.operation;
    if (!runtime.api.has(route.operation)) throw protocol.unknownOperation(route.operation);
    if (!runtime.definition.handlers[route.operation]) {
      const error = protocol.unsupportedOperation(route.operation);
      throw new AwsServiceError(error.code, error.message, { status: error.status, headers: { 'x-mlsec-unsupported-operation': `${runtime.id}:${route.operation}` } });
    }
    return { runtime, protocol, route };
  }

  private authenticate(request: MutableRequest, call: Call, runtime: ServiceRuntime, protocol: Protocol): void {
    const s3 = runtime.definition.signingName === 's3';
    const auth = this.authenticator.authenticate(request, protocol.name, call.signature, s3);
    request.body = inflateRequestBody({ ...request, body: auth.body }, protocol.name, this.options.maxBodyBytes);
    // Trailing checksums of aws-chunked uploads bind like the headers they stand for.
    if (Object.keys(auth.trailers).length) request.headers = { ...request.headers, ...auth.trailers };
    call.principal = auth.principal;
    call.credential = auth.credential;
    call.accountId = auth.accountId;
    call.region = auth.region;
  }

  private parse(request: WireRequest, call: Call, runtime: ServiceRuntime, protocol: Protocol, route: Route) {
    const operation = runtime.api.operation(route.operation);
    call.input = protocol.parse(request, route, operation);
    return operation;
  }

  private async authorize(call: Call): Promise<void> {
    for (const hook of this.authorizers) await hook(call);
  }

  private async dispatch(call: Call, runtime: ServiceRuntime, touched: Set<string>, connection: ConnectionInfo, changed: { readOnlyCallChangedState: boolean }): Promise<unknown> {
    const handler = runtime.definition.handlers[call.operation!]!;
    const ctx = this.context(call, runtime, touched, connection, changed);
    const result = handler(call.input ?? {}, ctx);
    call.output = result instanceof Promise ? await result : result;
    return call.output;
  }

  private record(call: Call): void {
    for (const hook of this.recorders) {
      try {
        hook(call);
      } catch (error) {
        this.options.log(`record hook failed for ${call.service}:${call.operation} (${call.requestId}): ${(error as Error).stack ?? error}`);
      }
    }
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────

  private context(call: Call, runtime: ServiceRuntime, touched: Set<string>, connection: ConnectionInfo, changed: { readOnlyCallChangedState: boolean }): RequestContext {
    const info = {
      requestId: call.requestId,
      operation: call.operation!,
      accountId: call.accountId!,
      region: call.region!,
      principal: call.principal as Principal,
      now: call.receivedAt,
      secure: connection.secure,
      sourceIp: connection.sourceIp,
      userAgent: call.userAgent,
    };
    const origin: BusOrigin = { requestId: info.requestId, accountId: info.accountId, region: info.region, principal: info.principal, now: info.now, depth: 0 };
    const onBehalf = (request: OnBehalfRequest) => this.onBehalfAuthorizer?.(call, request);
    return this.buildContext(runtime, info, origin, touched, () => (changed.readOnlyCallChangedState = true), onBehalf);
  }

  /** A provider's context: for a client's call, or for a consumer the internal bus calls. */
  private buildContext(
    runtime: ServiceRuntime,
    info: { requestId: string; operation: string; accountId: string; region: string; principal: Principal; now: Date; secure: boolean; sourceIp: string; userAgent: string },
    origin: BusOrigin,
    touched: Set<string>,
    markChanged: () => void,
    authorizeOnBehalf: (request: OnBehalfRequest) => void,
  ): RequestContext {
    const world = this.options.world;
    const router = this.options.router;
    const { accountId, region } = info;
    const stateOf = <S>(serviceId: string, account: string = accountId, stateRegion: string = region): S => {
      const target = serviceId === runtime.id ? runtime : router.get(serviceId);
      const definition = target?.definition.state;
      if (!definition) throw new Error(`emulator: service ${serviceId} keeps no state`);
      touched.add(account);
      return world.serviceState(account, serviceId, definition.scope === 'region' ? stateRegion : undefined, definition.create) as S;
    };
    const credentials: CredentialStore = {
      issue: (credential) => world.issueCredential(credential),
      revoke: (id) => world.revokeCredential(id),
      find: (id) => world.findCredential(id),
      list: (account = accountId) => world.credentialsOf(account),
    };
    return {
      requestId: info.requestId,
      service: runtime.id,
      operation: info.operation,
      accountId,
      region,
      principal: info.principal,
      now: info.now,
      secure: info.secure,
      sourceIp: info.sourceIp,
      userAgent: info.userAgent,
      state: () => stateOf(runtime.id),
      stateOf,
      peekStateOf: <S>(serviceId: string, account: string, stateRegion: string = region): S | undefined => {
        const target = serviceId === runtime.id ? runtime : router.get(serviceId);
        const scope = target?.definition.state?.scope;
        return world.peekServiceState<S>(account, serviceId, scope === 'region' ? stateRegion : undefined);
      },
      credentials,
      accountIds: () => world.accountIds(),
      hasService: (serviceId) => serviceId === runtime.id || router.get(serviceId) !== undefined,
      settings: this.options.serviceSettings?.[runtime.id] ?? {},
      metrics: this.bus.metricsFor(origin),
      events: this.bus.eventsFor(origin),
      stateChanged: markChanged,
      attachment: <T>() => runtime.attachment?.api as T | undefined,
      authorizeOnBehalf,
    };
  }

  /** Any thrown value as an AWS error; unexpected ones are logged and never leak their stack. */
  private toAwsError(thrown: unknown, call: Call): AwsServiceError {
    if (thrown instanceof AwsServiceError) return thrown;
    this.options.log(`internal error in ${call.service ?? '?'}:${call.operation ?? '?'} (request ${call.requestId}): ${(thrown as Error)?.stack ?? String(thrown)}`);
    return new AwsServiceError('InternalFailure', `The emulator failed to process the request (request id ${call.requestId}); the error was logged.`, { status: 500 });
  }
}
