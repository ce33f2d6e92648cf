/**
 * Handlers whose implementation loads on first use: each named handler imports the module that
 * holds the real table the first time any of them is called, then delegates to it. Registering a
 * service this way costs the emulator's cold start only the list of names (the router, the
 * coverage table and UnknownOperation answers need nothing more).
 */
import type { RequestContext } from '../core/context.ts';
import type { Handler } from './define-service.ts';

type HandlerTable<S> = Readonly<Record<string, Handler<any, any, S>>>;

/** The loader behind each lazily built table, so the table can be loaded ahead of a call. */
const loaders = new WeakMap<object, () => Promise<HandlerTable<any>>>();

export function lazyHandlers<S>(names: readonly string[], load: () => Promise<HandlerTable<S>>): Record<string, Handler<any, any, S>> {
  let loading: Promise<HandlerTable<S>> | undefined;
  let table: HandlerTable<S> | undefined;
  const loadOnce = () => (loading ??= load().then((loaded) => (table = loaded)));
  const call = (from: HandlerTable<S>, name: string, input: unknown, ctx: RequestContext<S>) => {
    const handler = from[name];
    if (!handler) throw new Error(`emulator: ${name} is listed as implemented but has no handler`);
    return handler(input, ctx);
  };
  // Once loaded, a call goes straight to the real handler (synchronously, if it is synchronous).
  const handlers: Record<string, Handler<any, any, S>> = Object.fromEntries(names.map((name) => [name, (input: unknown, ctx: RequestContext<S>) =>
    table ? call(table, name, input, ctx) : loadOnce().then((loaded) => call(loaded, name, input, ctx))]));
  loaders.set(handlers, loadOnce);
  return handlers;
}

/**
 * The implementation behind a table built by `lazyHandlers` (loaded now, once), or undefined for a
 * table whose handlers are already loaded.
 */
export function loadHandlerTable<S>(handlers: Readonly<Record<string, Handler<any, any, S>>>): Promise<HandlerTable<S>> | undefined {
  return loaders.get(handlers)?.();
}
