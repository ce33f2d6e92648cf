/**
 * awsQuery (IAM, STS; CloudWatch for older CLIs) and its EC2 dialect. Requests are urlencoded
 * forms naming the operation in `Action`; responses are XML:
 *   awsQuery  <OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId/></…></OpResponse>
 *             errors <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
 *   ec2       <OpResponse xmlns><requestId/>…</OpResponse>
 *             errors <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
 */
import { AwsServiceError, WELL_KNOWN_ERRORS } from '../../core/errors.ts';
import { InputValidationError } from '../../core/validation.ts';
import type { ServiceModel } from '../../schema/service-model.ts';
import type { OperationShape, StructureShape } from '../../schema/shapes.ts';
import type { Protocol, ProtocolName, ResponseMeta, Route, ServiceWireMetadata, WireRequest, WireResponse } from '../wire.ts';
import { XmlShapeWriter } from '../xml/xml-shape-writer.ts';
import { escapeAttribute, escapeText, XML_DECLARATION } from '../xml/xml-writer.ts';
import { decodeQueryInput, formParameters } from './query-input.ts';

const paramsCache = new WeakMap<WireRequest, Map<string, string>>();

export function queryParameters(request: WireRequest): Map<string, string> {
  let params = paramsCache.get(request);
  if (!params) {
    params = formParameters(request.method === 'POST' ? request.body : Buffer.alloc(0), request.query);
    paramsCache.set(request, params);
  }
  return params;
}

export class QueryProtocol implements Protocol {
  readonly name: ProtocolName;
  private readonly ec2: boolean;
  private readonly namespaceAttr: string;
  private readonly writer = new XmlShapeWriter(5);
  private readonly metadata: ServiceWireMetadata;
  private readonly model: ServiceModel;

  constructor(name: 'awsQuery' | 'ec2', metadata: ServiceWireMetadata, model: ServiceModel) {
    this.name = name;
    this.ec2 = name === 'ec2';
    this.metadata = metadata;
    this.model = model;
    const ns = metadata.xmlNamespace ?? '';
    this.namespaceAttr = ns ? ` xmlns="${escapeAttribute(this.ec2 && !ns.endsWith('/') ? `${ns}/` : ns)}"` : '';
  }

  route(request: WireRequest): Route {
    const action = queryParameters(request).get('Action');
    if (!action) {
      throw new AwsServiceError('MissingAction', 'The request must contain the parameter Action.', { status: 400 });
    }
    return { operation: action };
  }

  parse(request: WireRequest, _route: Route, operation: OperationShape): Record<string, unknown> {
    try {
      return decodeQueryInput(queryParameters(request), operation.input, { ec2: this.ec2 });
    } catch (error) {
      if (error instanceof InputValidationError && this.ec2) throw this.ec2ValidationError(error);
      throw error;
    }
  }

  /** EC2 names parameters as sent: MissingParameter for absent ones, InvalidParameterValue otherwise. */
  private ec2ValidationError(error: InputValidationError): AwsServiceError {
    const first = error.problems[0]!;
    if (first.kind === 'missing') {
      return new AwsServiceError('MissingParameter', `The request must contain the parameter ${first.wireName ?? first.path}`, { status: 400 });
    }
    return new AwsServiceError('InvalidParameterValue', `Value (${String(first.value)}) for parameter ${first.wireName ?? first.path} is invalid. ${first.constraint}`, { status: 400 });
  }

  serialize(operation: OperationShape, output: unknown, meta: ResponseMeta): WireResponse {
    const value = (output ?? {}) as Record<string, unknown>;
    const op = operation.name;
    let body: string;
    if (this.ec2) {
      body = `${XML_DECLARATION}<${op}Response${this.namespaceAttr}><requestId>${meta.requestId}</requestId>${this.writer.members(operation.output, value)}</${op}Response>`;
    } else {
      const result = operation.output.members.length ? `<${op}Result>${this.writer.members(operation.output, value)}</${op}Result>` : '';
      body = `${XML_DECLARATION}<${op}Response${this.namespaceAttr}>${result}<ResponseMetadata><RequestId>${meta.requestId}</RequestId></ResponseMetadata></${op}Response>`;
    }
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': meta.requestId }, body };
  }

  serializeError(error: AwsServiceError, meta: ResponseMeta): WireResponse {
    const modelled = this.model.error(error.code);
    const code = error instanceof InputValidationError && !this.ec2 ? 'ValidationError' : modelled?.error?.queryCode ?? error.code;
    const status = error.status ?? modelled?.error?.queryStatus ?? modelled?.error?.httpStatus ?? WELL_KNOWN_ERRORS[error.code] ?? 400;
    const fields = this.errorFields(modelled, error);
    let body: string;
    if (this.ec2) {
      body = `${XML_DECLARATION}<Response><Errors><Error><Code>${escapeText(code)}</Code><Message>${escapeText(error.message)}</Message>${fields}</Error></Errors><RequestID>${meta.requestId}</RequestID></Response>`;
    } else {
      const type = error.fault === 'Receiver' || status >= 500 ? 'Receiver' : 'Sender';
      body = `${XML_DECLARATION}<ErrorResponse${this.namespaceAttr}><Error><Type>${type}</Type><Code>${escapeText(code)}</Code><Message>${escapeText(error.message)}</Message>${fields}</Error><RequestId>${meta.requestId}</RequestId></ErrorResponse>`;
    }
    const headers: Record<string, string> = { 'content-type': 'text/xml', 'x-amzn-requestid': meta.requestId, ...error.headers };
    return { status, headers, body };
  }

  /** Extra members of a modelled error (beyond its message) that the provider filled in. */
  private errorFields(shape: StructureShape | undefined, error: AwsServiceError): string {
    if (!shape || !error.fields) return '';
    let out = '';
    for (const member of shape.members) {
      if (member.name === 'message' || member.name === 'Message') continue;
      const v = error.fields[member.name];
      if (v !== undefined && v !== null) out += this.writer.member(member, v);
    }
    return out;
  }

  unsupportedOperation(name: string): AwsServiceError {
    return this.ec2
      ? new AwsServiceError('InvalidAction', `The action ${name} is not valid for this web service.`, { status: 400 })
      : new AwsServiceError('InvalidAction', `Could not find operation ${name} for version ${this.metadata.apiVersion}`, { status: 400 });
  }

  unknownOperation(name: string): AwsServiceError {
    return this.unsupportedOperation(name);
  }
}
