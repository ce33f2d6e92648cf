/**
 * awsJson1_0 / awsJson1_1 (KMS, Secrets Manager, SageMaker, CloudWatch …). The operation is named
 * by `X-Amz-Target: <Prefix>.<Operation>`; bodies are JSON both ways; errors are
 * `{"__type": "<Code>", "message": "…"}` (plus `x-amzn-query-error` for @awsQueryCompatible services).
 */
import { AwsServiceError, WELL_KNOWN_ERRORS } from '../../core/errors.ts';
import { InputValidationError } from '../../core/validation.ts';
import type { ServiceModel } from '../../schema/service-model.ts';
import type { OperationShape } from '../../schema/shapes.ts';
import type { Protocol, ProtocolName, ResponseMeta, Route, ServiceWireMetadata, WireRequest, WireResponse } from '../wire.ts';
import { decodeJsonInput, encodeJsonValue } from './json-codec.ts';

export class JsonProtocol implements Protocol {
  readonly name: ProtocolName;
  private readonly contentType: string;
  private readonly metadata: ServiceWireMetadata;
  private readonly model: ServiceModel;

  constructor(name: 'awsJson1_0' | 'awsJson1_1', metadata: ServiceWireMetadata, model: ServiceModel) {
    this.name = name;
    this.metadata = metadata;
    this.model = model;
    this.contentType = name === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  }

  route(request: WireRequest): Route {
    const target = request.headers['x-amz-target'];
    if (!target) throw new AwsServiceError('UnknownOperationException', 'Missing the X-Amz-Target header naming the operation.', { status: 400 });
    const dot = target.lastIndexOf('.');
    const prefix = dot === -1 ? '' : target.slice(0, dot);
    if (this.metadata.targetPrefix && prefix !== this.metadata.targetPrefix && !this.metadata.targetPrefixAliases?.includes(prefix)) {
      throw new AwsServiceError('UnknownOperationException', `Unknown operation ${target}: this service's operations are named ${this.metadata.targetPrefix}.<Operation>.`, { status: 400 });
    }
    return { operation: target.slice(dot + 1) };
  }

  parse(request: WireRequest, _route: Route, operation: OperationShape): Record<string, unknown> {
    return decodeJsonInput(request.body, operation.input);
  }

  serialize(operation: OperationShape, output: unknown, meta: ResponseMeta): WireResponse {
    const body = JSON.stringify(encodeJsonValue(operation.output, output ?? {}) ?? {});
    return { status: 200, headers: { 'content-type': this.contentType, 'x-amzn-requestid': meta.requestId }, body };
  }

  serializeError(error: AwsServiceError, meta: ResponseMeta): WireResponse {
    const validation = error instanceof InputValidationError;
    const code = validation ? (this.metadata.validationErrorCode ?? 'ValidationException') : error.code;
    const modelled = this.model.error(code);
    const status = error.status ?? modelled?.error?.httpStatus ?? WELL_KNOWN_ERRORS[code] ?? 400;
    const payload: Record<string, unknown> = { __type: modelled ? modelled.name : code, message: error.message };
    if (modelled && error.fields) {
      const extra = encodeJsonValue(modelled, error.fields) as Record<string, unknown> | undefined;
      if (extra) Object.assign(payload, extra);
    }
    const headers: Record<string, string> = {
      'content-type': this.contentType,
      'x-amzn-requestid': meta.requestId,
      'x-amzn-errortype': payload.__type as string,
      ...error.headers,
    };
    if (this.metadata.awsQueryCompatible) {
      const queryCode = validation ? 'ValidationError' : modelled?.error?.queryCode ?? code;
      headers['x-amzn-query-error'] = `${queryCode};${status >= 500 ? 'Receiver' : 'Sender'}`;
    }
    return { status, headers, body: JSON.stringify(payload) };
  }

  unsupportedOperation(name: string): AwsServiceError {
    return new AwsServiceError('UnknownOperationException', `Unknown operation ${this.metadata.targetPrefix ?? ''}.${name}`, { status: 400 });
  }

  unknownOperation(name: string): AwsServiceError {
    return this.unsupportedOperation(name);
  }
}
