/** The Amazon S3 Control operation handlers, loaded on the service's first call (service.ts lists their names). */
import type * as S3Control from '@aws-sdk/client-s3-control';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Handler, Output } from '../define-service.ts';
import type { S3ControlState } from './service.ts';

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

export const S3CONTROL_HANDLERS: Readonly<Record<string, Handler<any, any, S3ControlState>>> = {
  PutPublicAccessBlock: putPublicAccessBlock,
  GetPublicAccessBlock: getPublicAccessBlock,
  DeletePublicAccessBlock: deletePublicAccessBlock,
};
