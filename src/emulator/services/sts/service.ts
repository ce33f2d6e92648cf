/** AWS Security Token Service: who am I, and temporary credentials. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { STS_LIMITATIONS } from './limitations.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const STS_OPERATIONS: readonly string[] = [
  'GetCallerIdentity', 'AssumeRole', 'GetSessionToken',
];

export const sts = defineService({
  id: 'sts',
  title: 'AWS Security Token Service (STS)',
  signingName: 'sts',
  protocol: 'awsQuery',
  wire: { apiVersion: '2011-06-15', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  loadModel: () => import('@aws-sdk/client-sts') as Promise<Record<string, unknown>>,
  handlers: lazyHandlers(STS_OPERATIONS, async () => (await import('./handlers.ts')).STS_HANDLERS),
  limitations: STS_LIMITATIONS,
});
