/**
 * `aws <service> wait <waiter> [options]`: the SDK's waiters (`waitUntilEndpointInService`), named
 * as the CLI names them (endpoint-in-service), each with the operation it polls — read from the
 * client's `dist-es/waiters/waitFor*.js`, whose options are that operation's input.
 */
import { cliName } from './names.ts';
import type { OperationModel, ServiceModel } from './service-model.ts';
import { listPackageFiles, readPackageFile } from './sdk-files.ts';

export type WaitFunction = (config: { client: unknown; maxWaitTime: number; minDelay?: number; maxDelay?: number; abortSignal?: AbortSignal }, input: Record<string, unknown>) => Promise<{ state: string; reason?: unknown }>;

export interface WaiterModel {
  /** SDK name: `EndpointInService`. */
  readonly name: string;
  /** CLI name: `endpoint-in-service`. */
  readonly cliName: string;
  /** The operation it polls; the waiter's options are its input. */
  readonly operation: OperationModel;
  readonly wait: WaitFunction;
}

const cache = new WeakMap<ServiceModel, Map<string, WaiterModel>>();

export function waitersOf(service: ServiceModel): Map<string, WaiterModel> {
  let found = cache.get(service);
  if (found) return found;
  found = new Map();
  for (const file of listPackageFiles(service.entry.packageName, 'dist-es/waiters')) {
    const name = /^waitFor(\w+)\.js$/.exec(file)?.[1];
    if (!name) continue;
    const source = readPackageFile(service.entry.packageName, `dist-es/waiters/${file}`) ?? '';
    const command = /new (\w+)Command\(/.exec(source)?.[1];
    const wait = service.module[`waitUntil${name}`] as WaitFunction | undefined;
    const operation = command ? [...service.operations.values()].find((o) => o.name === command) : undefined;
    if (wait && operation) found.set(cliName(name), { name, cliName: cliName(name), operation, wait });
  }
  found = new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
  cache.set(service, found);
  return found;
}
