/**
 * CloudWatch's error codes. The JSON protocol answers with the modelled shape name and the query
 * code in `x-amzn-query-error`; awsQuery with the query code (InvalidParameterValue, MissingParameter …).
 */
import { decodeScopedToken, encodeScopedToken } from '../../core/next-token.ts';
import { AwsServiceError } from '../../core/errors.ts';

export const invalidValue = (message: string) => new AwsServiceError('InvalidParameterValueException', message);
export const missingParameter = (message: string) => new AwsServiceError('MissingRequiredParameterException', message);
export const invalidCombination = (message: string) => new AwsServiceError('InvalidParameterCombinationException', message);
/** CloudWatch's `ValidationError` (modelled as ValidationException). */
export const validationError = (message: string) => new AwsServiceError('ValidationException', message);
export const resourceNotFound = (message: string) => new AwsServiceError('ResourceNotFound', message);
export const invalidNextToken = () => new AwsServiceError('InvalidNextToken', 'The service returned an invalid next token.');
export const invalidFormat = (message: string) => new AwsServiceError('InvalidFormatFault', message);
export const limitExceeded = (message: string) => new AwsServiceError('LimitExceededFault', message);

/** `The parameter X is required.` — CloudWatch's MissingParameter wording. */
export function requireParameter<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value === '') || (Array.isArray(value) && value.length === 0)) {
    throw missingParameter(`The parameter ${name} is required.`);
  }
  return value;
}

/** CloudWatch's StandardUnit values. */
export const STANDARD_UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
] as const;

export function checkUnit(unit: string | undefined, path: string): void {
  if (unit !== undefined && !(STANDARD_UNITS as readonly string[]).includes(unit)) {
    throw invalidValue(`The parameter ${path} must be a value in the set [ ${STANDARD_UNITS.join(', ')} ].`);
  }
}

/** Opaque pagination tokens (core/next-token.ts): the offset (or key), bound to the request they belong to. */
export function encodeToken(position: string | number, fingerprint: string): string {
  return encodeScopedToken(position, fingerprint);
}

export function decodeToken(token: string | undefined, fingerprint: string): string | number | undefined {
  return decodeScopedToken(token, fingerprint, () => invalidNextToken());
}
