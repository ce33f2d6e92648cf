/**
 * Amazon S3 Control: the account-level Block Public Access settings. Requests arrive under
 * `/v20180820/` (signed as `s3`), with the account in the x-amz-account-id header.
 */
import type * as S3Control from '@aws-sdk/client-s3-control';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { defineService, type Output } from '../define-service.ts';
import type { PublicAccessBlock } from '../s3/state.ts';

interface S3ControlState {
  publicAccessBlock?: PublicAccessBlock;
}

/** Only the caller's own account may be named (AWS answers AccessDenied otherwise). */
function own(ctx: RequestContext, accountId: string | undefined): S3ControlState {
  if (accountId !== ctx.accountId) throw new AwsServiceError('AccessDenied', 'Access Denied', { status: 403 });
  return ctx.state() as S3ControlState;
}

function putPublicAccessBlock(input: S3Control.PutPublicAccessBlockRequest, ctx: RequestContext): Output<unknown> {
  const state = own(ctx, input.AccountId);
  const c = input.PublicAccessBlockConfiguration ?? {};
  state.publicAccessBlock = {
    BlockPublicAcls: c.BlockPublicAcls ?? false,
    IgnorePublicAcls: c.IgnorePublicAcls ?? false,
    BlockPublicPolicy: c.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
  return {};
}

function getPublicAccessBlock(input: S3Control.GetPublicAccessBlockRequest, ctx: RequestContext): Output<S3Control.GetPublicAccessBlockOutput> {
  const state = own(ctx, input.AccountId);
  if (!state.publicAccessBlock) throw new AwsServiceError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { status: 404 });
  return { PublicAccessBlockConfiguration: { ...state.publicAccessBlock } };
}

function deletePublicAccessBlock(input: S3Control.DeletePublicAccessBlockRequest, ctx: RequestContext): Output<unknown> {
  own(ctx, input.AccountId).publicAccessBlock = undefined;
  return {};
}

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
  handlers: {
    PutPublicAccessBlock: putPublicAccessBlock,
    GetPublicAccessBlock: getPublicAccessBlock,
    DeletePublicAccessBlock: deletePublicAccessBlock,
  },
  limitations: [
    { text: 'Only the account-level Block Public Access settings are emulated; they combine with bucket settings when S3 decides whether a policy or ACL may be set.' },
    { text: 'Clients put the account id in the host name (123456789012.<endpoint>), which must resolve to the emulator: SDK clients can pass endpointProvider: () => ({ url }) or a resolving agent; for the AWS CLI add "127.0.0.1 <account>.localhost" to /etc/hosts and use --endpoint-url http://localhost:4566.' },
  ],
});
