/**
 * restJson1 (SageMaker Runtime, and most newer AWS APIs). Operations are found from method + path
 * + query by the model's `http` traits (the same route table restXml uses); members bind to
 * labels, query, headers and a JSON body or raw payload. Errors are a JSON body
 * `{"message": "…"}` (plus modelled members) with the code in `x-amzn-errortype`.
 */
import { AwsServiceError, WELL_KNOWN_ERRORS } from '../../core/errors.ts';
import { InputValidationError } from '../../core/validation.ts';
import type { ServiceModel } from '../../schema/service-model.ts';
import type { OperationShape } from '../../schema/shapes.ts';
import { encodeJsonValue } from '../json/json-codec.ts';
import { RouteTable } from '../rest-xml/route-table.ts';
import { pathSegments } from '../rest-xml/s3-addressing.ts';
import type { Protocol, ResponseMeta, Route, ServiceWireMetadata, WireRequest, WireResponse } from '../wire.ts';
import { decodeRestJsonInput, encodeRestJsonOutput } from './rest-json-bindings.ts';

export class RestJsonProtocol implements Protocol {
  readonly name = 'restJson1' as const;
  private readonly routes: RouteTable;
  private readonly metadata: ServiceWireMetadata;
  private readonly model: ServiceModel;
  /** The model's own name for invalid input (ValidationException, or ValidationError as SageMaker Runtime has it). */
  private readonly validationCode: string;

  constructor(metadata: ServiceWireMetadata, model: ServiceModel) {
    this.metadata = metadata;
    this.model = model;
    this.routes = new RouteTable(model);
    this.validationCode = model.error('ValidationException') ? 'ValidationException' : model.error('ValidationError') ? 'ValidationError' : 'ValidationException';
  }

  route(request: WireRequest): Route {
    const segments = pathSegments(request.path);
    if (segments.length && segments[segments.length - 1] === '') segments.pop();
    const outcome = this.routes.match({ method: request.method, segments, query: request.query, headers: request.headers });
    if ('failure' in outcome) {
      const status = outcome.failure === 'method-not-allowed' ? 405 : 404;
      throw new AwsServiceError('UnknownOperationException', `No ${this.metadata.id} operation matches ${request.method} ${request.path}.`, { status });
    }
    return { operation: outcome.operation, labels: outcome.labels };
  }

  parse(request: WireRequest, route: Route, operation: OperationShape): Record<string, unknown> {
    return decodeRestJsonInput(operation.input, { labels: route.labels ?? {}, query: request.query, headers: request.headers, body: request.body });
  }

  serialize(operation: OperationShape, output: unknown, meta: ResponseMeta): WireResponse {
    const encoded = encodeRestJsonOutput(operation.output, (output ?? {}) as Record<string, unknown>, operation.http?.code ?? 200);
    return { status: encoded.status, headers: { ...encoded.headers, 'x-amzn-requestid': meta.requestId }, body: meta.method === 'HEAD' ? '' : encoded.body };
  }

  serializeError(error: AwsServiceError, meta: ResponseMeta): WireResponse {
    const validation = error instanceof InputValidationError;
    const code = validation ? this.validationCode : error.code;
    const modelled = this.model.error(code);
    const status = error.status ?? modelled?.error?.httpStatus ?? WELL_KNOWN_ERRORS[code] ?? 400;
    const payload: Record<string, unknown> = {};
    // The modelled shape decides the member's case (SageMaker Runtime's errors carry `Message`).
    if (modelled?.byName.Message) payload.Message = error.message;
    else payload.message = error.message;
    if (modelled && error.fields) {
      const extra = encodeJsonValue(modelled, error.fields, { jsonName: true }) as Record<string, unknown> | undefined;
      if (extra) Object.assign(payload, extra);
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-amzn-requestid': meta.requestId,
      'x-amzn-errortype': modelled ? modelled.name : code,
      ...error.headers,
    };
    return { status, headers, body: meta.method === 'HEAD' ? '' : JSON.stringify(payload) };
  }

  unsupportedOperation(name: string): AwsServiceError {
    return new AwsServiceError('NotImplemented', `The ${name} operation is not implemented by the emulator.`, { status: 501 });
  }

  unknownOperation(name: string): AwsServiceError {
    return new AwsServiceError('UnknownOperationException', `Unknown operation ${name}.`, { status: 404 });
  }
}
