/**
 * Authentication failures as each protocol family answers them on AWS (IAM/STS, EC2, KMS-style JSON
 * services and S3 use different codes and statuses for the same problem).
 */
import { AwsServiceError } from '../core/errors.ts';
import type { ProtocolName } from '../protocols/wire.ts';

type Family = 'query' | 'ec2' | 'json' | 's3';

function family(protocol: ProtocolName): Family {
  if (protocol === 'awsQuery') return 'query';
  if (protocol === 'ec2') return 'ec2';
  if (protocol === 'restXml') return 's3';
  return 'json';
}

const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export function unknownAccessKey(protocol: ProtocolName, accessKeyId: string): AwsServiceError {
  switch (family(protocol)) {
    case 'query': return new AwsServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', { status: 403 });
    case 'ec2': return new AwsServiceError('AuthFailure', 'AWS was not able to validate the provided access credentials', { status: 401 });
    case 'json': return new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 400 });
    case 's3': return new AwsServiceError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { status: 403, fields: { AWSAccessKeyId: accessKeyId } });
  }
}

export function signatureMismatch(protocol: ProtocolName, details: { accessKeyId: string; stringToSign: string; canonicalRequest: string; signature: string }): AwsServiceError {
  switch (family(protocol)) {
    case 'ec2': return new AwsServiceError('AuthFailure', 'AWS was not able to validate the provided access credentials', { status: 401 });
    case 's3':
      return new AwsServiceError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
        status: 403,
        fields: { AWSAccessKeyId: details.accessKeyId, StringToSign: details.stringToSign, SignatureProvided: details.signature, CanonicalRequest: details.canonicalRequest },
      });
    default: return new AwsServiceError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, { status: 403 });
  }
}

export function expiredToken(protocol: ProtocolName): AwsServiceError {
  switch (family(protocol)) {
    case 'query': return new AwsServiceError('ExpiredToken', 'The security token included in the request is expired', { status: 400 });
    case 'ec2': return new AwsServiceError('RequestExpired', 'Request has expired.', { status: 400 });
    case 'json': return new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired', { status: 400 });
    case 's3': return new AwsServiceError('ExpiredToken', 'The provided token has expired.', { status: 400 });
  }
}

export function missingAuthentication(protocol: ProtocolName): AwsServiceError {
  switch (family(protocol)) {
    case 'query': return new AwsServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', { status: 403 });
    case 'ec2': return new AwsServiceError('AuthFailure', 'AWS was not able to validate the provided access credentials', { status: 401 });
    case 'json': return new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
    case 's3': return new AwsServiceError('AccessDenied', 'Access Denied', { status: 403 });
  }
}

export function requestExpired(protocol: ProtocolName, amzDate: string, presigned: boolean): AwsServiceError {
  if (family(protocol) === 's3') {
    return presigned
      ? new AwsServiceError('AccessDenied', 'Request has expired', { status: 403 })
      : new AwsServiceError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', { status: 403, fields: { RequestTime: amzDate } });
  }
  return new AwsServiceError('SignatureDoesNotMatch', `Signature expired: ${amzDate} is now earlier than the allowed 15-minute window.`, { status: 403 });
}

export function incompleteSignature(protocol: ProtocolName, detail: string): AwsServiceError {
  return family(protocol) === 's3'
    ? new AwsServiceError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${detail}`, { status: 400 })
    : new AwsServiceError('IncompleteSignature', detail, { status: 400 });
}
