/** AWS Security Token Service: who am I, and temporary credentials. */
import { defineService } from '../define-service.ts';
import { STS_LIMITATIONS } from './limitations.ts';
import { assumeRole, getCallerIdentity, getSessionToken } from './sessions.ts';

export const sts = defineService({
  id: 'sts',
  title: 'AWS Security Token Service (STS)',
  signingName: 'sts',
  protocol: 'awsQuery',
  wire: { apiVersion: '2011-06-15', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  loadModel: () => import('@aws-sdk/client-sts') as Promise<Record<string, unknown>>,
  handlers: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
    GetSessionToken: getSessionToken,
  },
  limitations: STS_LIMITATIONS,
});
