/** Errors from a call, printed the way the AWS CLI prints them, with its v2 exit codes. */
import { EXIT } from '../errors.ts';

export interface PrintedError {
  message: string;
  exitCode: number;
}

export function describeCallError(error: unknown, operationName: string, endpoint?: string): PrintedError {
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
  const isService = Boolean(e && (e.$fault || e.$metadata?.httpStatusCode));
  if (isService) {
    const status = e.$metadata?.httpStatusCode;
    // An error without a body (S3 answers HEAD and some 403s so) is named by its status, as botocore does.
    const named = e.Code ?? (e.name && e.name !== 'Unknown' && e.name !== 'UnknownError' ? e.name : undefined);
    const code = named ?? (status ? String(status) : 'Unknown');
    const message = e.message && e.message !== 'UnknownError' && e.message !== 'Unknown' && e.message !== code ? e.message : httpMessage(status);
    return { message: `\nAn error occurred (${code}) when calling the ${operationName} operation: ${message}\n`, exitCode: EXIT.service };
  }
  const text = (error as Error)?.message ?? String(error);
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|socket hang up|connect ETIMEDOUT/i.test(`${e?.code ?? ''} ${text}`)) {
    return { message: `\nCould not connect to the endpoint URL${endpoint ? `: "${endpoint}"` : ''} (${text}). Is your lab environment running?\n`, exitCode: EXIT.other };
  }
  if (/credential/i.test(text)) return { message: `\nUnable to locate credentials: ${text}\n`, exitCode: EXIT.configuration };
  return { message: `\n${text}\n`, exitCode: EXIT.other };
}

function httpMessage(status: number | undefined): string {
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'Not Found';
  if (status === 400) return 'Bad Request';
  return status ? `HTTP ${status}` : 'Unknown';
}
