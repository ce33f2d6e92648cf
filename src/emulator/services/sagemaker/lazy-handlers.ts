/**
 * Handlers whose implementation loads on first use: each named handler imports the module that
 * holds the real table the first time any of them is called, then delegates to it.
 */
import type { RequestContext } from '../../core/context.ts';
import type { Handler } from '../define-service.ts';

export function lazyHandlers<S>(names: readonly string[], load: () => Promise<Readonly<Record<string, Handler<any, any, S>>>>): Record<string, Handler<any, any, S>> {
  let table: Promise<Readonly<Record<string, Handler<any, any, S>>>> | undefined;
  return Object.fromEntries(names.map((name) => [name, async (input: unknown, ctx: RequestContext<S>) => {
    const handlers = await (table ??= load());
    const handler = handlers[name];
    if (!handler) throw new Error(`emulator: ${name} is listed as implemented but has no handler`);
    return handler(input, ctx);
  }]));
}
