/**
 * Amazon S3 Control: the account-level Block Public Access settings. Requests arrive under
 * `/v20180820/` (signed as `s3`), with the account in the x-amz-account-id header.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import type { PublicAccessBlock } from '../s3/state.ts';

export interface S3ControlState {
  publicAccessBlock?: PublicAccessBlock;
}

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const S3CONTROL_OPERATIONS: readonly string[] = ['PutPublicAccessBlock', 'GetPublicAccessBlock', 'DeletePublicAccessBlock'];

export const s3control = defineService<S3ControlState>({
  id: 's3control',
  title: 'Amazon S3 Control',
  signingName: 's3',
  protocol: 'restXml',
  pathPrefix: '/v20180820/',
  restXml: { wrapErrors: true },
  wire: { apiVersion: '2018-08-20', xmlNamespace: 'http://awss3control.amazonaws.com/doc/2018-08-20/' },
  loadModel: () => import('@aws-sdk/client-s3-control') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: () => ({}) },
  handlers: lazyHandlers(S3CONTROL_OPERATIONS, async () => (await import('./handlers.ts')).S3CONTROL_HANDLERS),
  limitations: [
    { text: 'Only the account-level Block Public Access settings are emulated; they combine with bucket settings when S3 decides whether a policy or ACL may be set.' },
    { text: 'Clients put the account id in the host name (123456789012.<endpoint>), which must resolve to the emulator: SDK clients can pass endpointProvider: () => ({ url }) or a resolving agent; for the AWS CLI add "127.0.0.1 <account>.localhost" to /etc/hosts and use --endpoint-url http://localhost:4566.' },
  ],
});
