/** The AWS Security Token Service (STS) operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import { assumeRole, getCallerIdentity, getSessionToken } from './sessions.ts';

export const STS_HANDLERS: Readonly<Record<string, Handler>> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
};
