/**
 * Amazon SageMaker Runtime: InvokeEndpoint against the endpoints of the emulated SageMaker. Keeps no
 * state of its own. The handler (and SageMaker's modules behind it) loads on the first invocation.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { SAGEMAKER_RUNTIME_LIMITATIONS } from './limitations.ts';

export const sagemakerRuntime = defineService({
  id: 'sagemaker-runtime',
  title: 'Amazon SageMaker Runtime',
  // SageMaker Runtime signs as `sagemaker`, like SageMaker; the router tells them apart by shape (REST vs X-Amz-Target).
  signingName: 'sagemaker',
  protocol: 'restJson1',
  wire: { apiVersion: '2017-05-13' },
  loadModel: () => import('@aws-sdk/client-sagemaker-runtime') as Promise<Record<string, unknown>>,
  handlers: lazyHandlers(['InvokeEndpoint'], async () => ({ InvokeEndpoint: (await import('./invoke-endpoint.ts')).invokeEndpoint })),
  limitations: SAGEMAKER_RUNTIME_LIMITATIONS,
});
