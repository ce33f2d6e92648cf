/**
 * One service as the CLI sees it: its operations by CLI name, each with the SDK command class,
 * input and output shapes, documentation and pagination. Built once per service from the SDK
 * module (operation schemas are the exports whose value is `[9, namespace, Name, …]`).
 */
import { serviceDocs, type ServiceDocs } from './docs.ts';
import { cliName } from './names.ts';
import { paginatorsOf, type Paginator } from './pagination.ts';
import { Shape, type ShapeContext } from './shape.ts';
import { findService, type SdkModule, type ServiceEntry } from './services.ts';

export type CommandClass = new (input: Record<string, unknown>) => unknown;

export interface OperationModel {
  /** API name: `PutBucketPolicy`. */
  readonly name: string;
  /** CLI name: `put-bucket-policy`. */
  readonly cliName: string;
  readonly service: ServiceModel;
  readonly Command: CommandClass;
  readonly input: Shape;
  readonly output: Shape;
  readonly paginator?: Paginator;
  /** Documentation from the SDK's declarations, if installed. */
  readonly doc: string | undefined;
}

export interface ServiceModel {
  readonly entry: ServiceEntry;
  readonly module: SdkModule;
  readonly docs: ServiceDocs;
  /** Operations by CLI name, sorted. */
  readonly operations: ReadonlyMap<string, OperationModel>;
  /** The client class the SDK exports (used when the engine builds clients itself). */
  readonly Client: new (config: Record<string, unknown>) => unknown;
}

const loaded = new Map<string, Promise<ServiceModel>>();

export function loadServiceModel(cliServiceName: string): Promise<ServiceModel> {
  const entry = findService(cliServiceName);
  if (!entry) return Promise.reject(new Error(`unknown service ${cliServiceName}`));
  let pending = loaded.get(entry.cliName);
  if (!pending) {
    pending = entry.load().then((module) => buildServiceModel(entry, module));
    loaded.set(entry.cliName, pending);
    pending.catch(() => loaded.delete(entry.cliName));
  }
  return pending;
}

function buildServiceModel(entry: ServiceEntry, module: SdkModule): ServiceModel {
  const docs = serviceDocs(entry.packageName);
  const context: ShapeContext = { docs, module };
  const paginators = paginatorsOf(entry.packageName);
  const operations = new Map<string, OperationModel>();
  const service: ServiceModel = {
    entry,
    module,
    docs,
    operations,
    Client: module[entry.clientClass] as ServiceModel['Client'],
  };
  const found: OperationModel[] = [];
  for (const [exportName, value] of Object.entries(module)) {
    if (!exportName.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const name = value[2] as string;
    const Command = module[`${name}Command`] as CommandClass | undefined;
    if (!Command) continue;
    let input: Shape | undefined;
    let output: Shape | undefined;
    const paginator = paginators.get(name);
    found.push({
      name,
      cliName: cliName(name),
      service,
      Command,
      get input() {
        input ??= Shape.of(value[4], context);
        return input;
      },
      get output() {
        output ??= Shape.of(value[5], context);
        return output;
      },
      ...(paginator ? { paginator } : {}),
      get doc() {
        return docs.operation(name);
      },
    });
  }
  found.sort((a, b) => a.cliName.localeCompare(b.cliName));
  for (const op of found) operations.set(op.cliName, op);
  return service;
}
