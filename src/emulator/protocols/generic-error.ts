/**
 * Errors for requests no service protocol could take (an unknown service, a model that failed to
 * load): shaped after what the request looks like, so the client can still read the code.
 */
import { WELL_KNOWN_ERRORS, type AwsServiceError } from '../core/errors.ts';
import type { WireRequest, WireResponse } from './wire.ts';
import { escapeText, XML_DECLARATION } from './xml/xml-writer.ts';

export function genericErrorResponse(request: WireRequest, error: AwsServiceError, requestId: string): WireResponse {
  const status = error.status ?? WELL_KNOWN_ERRORS[error.code] ?? 500;
  const contentType = request.headers['content-type'] ?? '';
  if (request.headers['x-amz-target'] || contentType.includes('json')) {
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  }
  const body = request.method === 'HEAD'
    ? ''
    : `${XML_DECLARATION}<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeText(error.code)}</Code><Message>${escapeText(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId }, body };
}
