/**
 * restXml (S3, S3 Control). Operations are found from method + path + query (+ headers) by the
 * model's `http` traits; members bind to labels, query, headers and the payload; XML bodies follow
 * the XML traits. Errors: `<Error><Code/><Message/>…<RequestId/><HostId/></Error>` (S3) or the same
 * wrapped in `<ErrorResponse>` (S3 Control). HEAD answers never carry a body.
 */
import { createHash } from 'node:crypto';
import { AwsServiceError, WELL_KNOWN_ERRORS } from '../../core/errors.ts';
import { InputValidationError } from '../../core/validation.ts';
import type { ServiceModel } from '../../schema/service-model.ts';
import type { OperationShape } from '../../schema/shapes.ts';
import type { Protocol, ResponseMeta, Route, ServiceWireMetadata, WireRequest, WireResponse } from '../wire.ts';
import { XmlShapeWriter } from '../xml/xml-shape-writer.ts';
import { escapeText, XML_DECLARATION } from '../xml/xml-writer.ts';
import { decodeBoundInput, encodeBoundOutput, MALFORMED_XML_MESSAGE } from './http-bindings.ts';
import { RouteTable } from './route-table.ts';
import { pathSegments, s3Address } from './s3-addressing.ts';

export interface RestXmlOptions {
  /** S3: the bucket comes from the host or the first path segment and is the `Bucket` label. */
  readonly s3Addressing?: boolean;
  /** S3 Control wraps errors in `<ErrorResponse>`. */
  readonly wrapErrors?: boolean;
}

export class RestXmlProtocol implements Protocol {
  readonly name = 'restXml' as const;
  private readonly routes: RouteTable;
  private readonly writer = new XmlShapeWriter(5);
  private readonly metadata: ServiceWireMetadata;
  private readonly model: ServiceModel;
  private readonly options: RestXmlOptions;
  private readonly bucketOperations = new Set<string>();

  constructor(metadata: ServiceWireMetadata, model: ServiceModel, options: RestXmlOptions = {}) {
    this.metadata = metadata;
    this.model = model;
    this.options = options;
    this.routes = new RouteTable(model);
    if (options.s3Addressing) {
      for (const name of model.operationNames) {
        if (model.operation(name).input.byName.Bucket?.traits.httpLabel) this.bucketOperations.add(name);
      }
    }
  }

  route(request: WireRequest): Route {
    let segments: string[];
    let bucket: string | undefined;
    if (this.options.s3Addressing) {
      ({ bucket, segments } = s3Address(request.host, request.path));
    } else {
      segments = pathSegments(request.path);
      if (segments.length && segments[segments.length - 1] === '') segments.pop();
    }
    const accept = this.options.s3Addressing
      ? (name: string) => this.bucketOperations.has(name) === (bucket !== undefined)
      : undefined;
    const outcome = this.routes.match({ method: request.method, segments, query: request.query, headers: request.headers }, accept);
    if ('failure' in outcome) {
      if (outcome.failure === 'method-not-allowed') {
        throw new AwsServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
          status: 405,
          fields: { Method: request.method, ResourceType: bucket !== undefined && segments.length ? 'OBJECT' : 'BUCKET' },
        });
      }
      throw new AwsServiceError('InvalidRequest', `No ${this.metadata.id} operation matches ${request.method} ${request.path}${request.rawQuery ? `?${request.rawQuery}` : ''}.`, { status: 400 });
    }
    const labels = bucket !== undefined ? { ...outcome.labels, Bucket: bucket } : outcome.labels;
    return { operation: outcome.operation, labels };
  }

  parse(request: WireRequest, route: Route, operation: OperationShape): Record<string, unknown> {
    const decoded = decodeBoundInput(operation.input, { labels: route.labels ?? {}, query: request.query, headers: request.headers, body: request.body });
    if (decoded.bodyProblems.length) throw new AwsServiceError('MalformedXML', MALFORMED_XML_MESSAGE, { status: 400 });
    if (decoded.problems.length) throw new InputValidationError(decoded.problems);
    return decoded.input;
  }

  serialize(operation: OperationShape, output: unknown, meta: ResponseMeta): WireResponse {
    const value = (output ?? {}) as Record<string, unknown>;
    const encoded = encodeBoundOutput(operation.output, value, operation.http?.code ?? 200, this.writer, this.metadata.xmlNamespace);
    const headers = { ...this.requestIdHeaders(meta), ...encoded.headers };
    // A ranged read answers 206 Partial Content (HTTP semantics, whatever the operation).
    if (encoded.status === 200 && headers['content-range']) encoded.status = 206;
    if (typeof encoded.body === 'string' && encoded.body.startsWith('<?xml') && !headers['content-type']) headers['content-type'] = 'application/xml';
    return { status: encoded.status, headers, body: meta.method === 'HEAD' ? '' : encoded.body };
  }

  serializeError(error: AwsServiceError, meta: ResponseMeta): WireResponse {
    const validation = error instanceof InputValidationError;
    const code = validation ? 'InvalidArgument' : error.code;
    const modelled = this.model.error(code);
    const status = error.status ?? modelled?.error?.httpStatus ?? WELL_KNOWN_ERRORS[code] ?? 400;
    let fields = '';
    const extra: Record<string, unknown> = { ...error.fields };
    if (validation) {
      const first = error.problems[0];
      if (first?.wireName) extra.ArgumentName = first.wireName;
      if (first?.value !== undefined) extra.ArgumentValue = String(first.value);
    }
    for (const [k, v] of Object.entries(extra)) {
      if (v !== undefined && v !== null) fields += `<${k}>${escapeText(String(v))}</${k}>`;
    }
    const inner = `<Code>${escapeText(code)}</Code><Message>${escapeText(error.message)}</Message>${fields}<RequestId>${meta.requestId}</RequestId><HostId>${hostId(meta.requestId)}</HostId>`;
    const body = this.options.wrapErrors ? `${XML_DECLARATION}<ErrorResponse><Error>${inner}</Error><RequestId>${meta.requestId}</RequestId></ErrorResponse>` : `${XML_DECLARATION}<Error>${inner}</Error>`;
    const headers: Record<string, string> = { ...this.requestIdHeaders(meta), ...error.headers };
    if (meta.method !== 'HEAD') headers['content-type'] = 'application/xml';
    return { status, headers, body: meta.method === 'HEAD' ? '' : body };
  }

  private requestIdHeaders(meta: ResponseMeta): Record<string, string> {
    return { 'x-amz-request-id': meta.requestId, 'x-amz-id-2': hostId(meta.requestId) };
  }

  unsupportedOperation(name: string): AwsServiceError {
    return new AwsServiceError('NotImplemented', `The ${name} operation is not implemented.`, { status: 501 });
  }

  unknownOperation(name: string): AwsServiceError {
    return this.unsupportedOperation(name);
  }
}

/** S3's x-amz-id-2 / HostId: an opaque token; derived from the request id so it is stable per request. */
function hostId(requestId: string): string {
  return createHash('sha256').update(requestId).digest('base64');
}
