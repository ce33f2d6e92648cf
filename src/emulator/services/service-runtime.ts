/**
 * A registered service at run time: its definition, its API model (loaded lazily — importing an
 * SDK client package costs tens of milliseconds, so the edge answers health checks before any is
 * loaded) and one protocol instance per wire protocol it speaks.
 */
import { JsonProtocol } from '../protocols/json/json-protocol.ts';
import { QueryProtocol } from '../protocols/query/query-protocol.ts';
import { RestJsonProtocol } from '../protocols/rest-json/rest-json-protocol.ts';
import { RestXmlProtocol } from '../protocols/rest-xml/rest-xml-protocol.ts';
import type { Protocol, ProtocolName, ServiceWireMetadata, WireRequest } from '../protocols/wire.ts';
import { ServiceModel } from '../schema/service-model.ts';
import type { ServiceDefinition } from './define-service.ts';
import { loadHandlerTable } from './lazy-handlers.ts';
import type { ServiceAttachment } from './service-host.ts';

/** LocalStack's service states, as /_localstack/health reports them. */
export type ServiceStatus = 'available' | 'starting' | 'running' | 'error';

export class ServiceRuntime {
  readonly definition: ServiceDefinition;
  status: ServiceStatus = 'available';
  /** What the definition's `attach` returned (set by the emulator when it is built). */
  attachment: ServiceAttachment | undefined;
  private model: ServiceModel | undefined;
  private protocols = new Map<ProtocolName, Protocol>();
  private loading: Promise<void> | undefined;
  private loadError: Error | undefined;

  constructor(definition: ServiceDefinition) {
    this.definition = definition;
  }

  get id(): string {
    return this.definition.id;
  }

  get loaded(): boolean {
    return this.model !== undefined;
  }

  /** The model; only valid after `load()` resolved. */
  get api(): ServiceModel {
    if (!this.model) throw new Error(`emulator: the ${this.id} model is not loaded yet`);
    return this.model;
  }

  load(): Promise<void> {
    if (this.model) return Promise.resolve();
    if (this.loadError) return Promise.reject(this.loadError);
    this.loading ??= (async () => {
      this.status = 'starting';
      try {
        // The handlers load alongside the model, so a running service answers without further imports.
        const [exports] = await Promise.all([this.definition.loadModel(), loadHandlerTable(this.definition.handlers)]);
        const model = new ServiceModel(exports);
        const metadata: ServiceWireMetadata = { id: this.id, ...this.definition.wire };
        for (const name of [this.definition.protocol, ...(this.definition.alsoSpeaks ?? [])]) {
          this.protocols.set(name, createProtocol(name, metadata, model, this.definition));
        }
        this.model = model;
        this.status = 'running';
      } catch (error) {
        this.status = 'error';
        this.loadError = new Error(`could not load the API model of ${this.definition.title}: ${(error as Error).message}`);
        throw this.loadError;
      }
    })();
    return this.loading;
  }

  /** The protocol a request speaks (JSON if it names an X-Amz-Target, query if it sends Action …). */
  protocolFor(request: WireRequest): Protocol {
    if (this.protocols.size === 1) return this.protocols.values().next().value!;
    const contentType = request.headers['content-type'] ?? '';
    const json = request.headers['x-amz-target'] !== undefined || contentType.startsWith('application/x-amz-json');
    for (const protocol of this.protocols.values()) {
      const isJson = protocol.name === 'awsJson1_0' || protocol.name === 'awsJson1_1';
      if (json === isJson && protocol.name !== 'restXml' && protocol.name !== 'restJson1') return protocol;
    }
    return this.protocols.get(this.definition.protocol)!;
  }

  /** The primary protocol (for errors before a request could be read). */
  get primaryProtocol(): Protocol | undefined {
    return this.protocols.get(this.definition.protocol);
  }
}

function createProtocol(name: ProtocolName, metadata: ServiceWireMetadata, model: ServiceModel, definition: ServiceDefinition): Protocol {
  switch (name) {
    case 'awsQuery':
    case 'ec2':
      return new QueryProtocol(name, metadata, model);
    case 'awsJson1_0':
    case 'awsJson1_1':
      return new JsonProtocol(name, metadata, model);
    case 'restXml':
      return new RestXmlProtocol(metadata, model, definition.restXml);
    case 'restJson1':
      return new RestJsonProtocol(metadata, model);
  }
}
