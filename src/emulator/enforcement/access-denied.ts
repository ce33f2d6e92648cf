/**
 * A refused call, in each protocol's own words:
 *
 * | protocol | code | status |
 * |---|---|---|
 * | restXml (S3, S3 Control) | `AccessDenied` (the resource ARN in quotes, as S3 writes it; "Access Denied" for anonymous callers) | 403 |
 * | awsQuery (IAM, STS, CloudWatch's query layer) | `AccessDenied` | 403 |
 * | ec2 | `UnauthorizedOperation` ("You are not authorized to perform this operation. …") | 403 |
 * | awsJson 1.0 / 1.1 (KMS, Secrets Manager, SageMaker, CloudTrail, Logs, EventBridge …) | `AccessDeniedException` | 400 |
 * | restJson1 (SageMaker Runtime) | `AccessDeniedException` | 403 |
 */
import { AwsServiceError } from '../core/errors.ts';
import type { ProtocolName } from '../protocols/wire.ts';

export function accessDeniedError(protocol: ProtocolName | undefined, message: string, options: { anonymous?: boolean; resource?: string } = {}): AwsServiceError {
  switch (protocol) {
    case 'restXml': {
      if (options.anonymous) return new AwsServiceError('AccessDenied', 'Access Denied', { status: 403 });
      const quoted = options.resource && options.resource !== '*' ? message.replace(`on resource: ${options.resource} `, `on resource: "${options.resource}" `) : message;
      return new AwsServiceError('AccessDenied', quoted, { status: 403 });
    }
    case 'awsQuery':
      return new AwsServiceError('AccessDenied', message, { status: 403 });
    case 'ec2':
      return new AwsServiceError('UnauthorizedOperation', `You are not authorized to perform this operation. ${message}`, { status: 403 });
    case 'restJson1':
      return new AwsServiceError('AccessDeniedException', message, { status: 403 });
    default:
      return new AwsServiceError('AccessDeniedException', message, { status: 400 });
  }
}
