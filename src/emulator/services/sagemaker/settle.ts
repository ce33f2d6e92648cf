/**
 * Brings every SageMaker resource of the caller's account and region up to the request's time
 * (progress.ts): runs before each SageMaker handler, and before SageMaker Runtime reads endpoints.
 * A read that moved something on asks for the account to be persisted (`ctx.stateChanged()`).
 */
import type { RequestContext } from '../../core/context.ts';
import type { Handler } from '../define-service.ts';
import { sagemaker } from './common.ts';
import { settleDomains } from './domains.ts';
import { settleEndpoints } from './endpoints.ts';
import { settleModelPackages } from './model-packages.ts';
import { settleMonitoringSchedules } from './monitoring-schedules.ts';
import { settleNotebookInstances } from './notebook-instances.ts';
import { settleProcessingJobs } from './processing-jobs.ts';
import type { SageMakerState } from './state.ts';
import { settleTrainingJobs } from './training-jobs.ts';
import { settleTuningJobs } from './tuning-jobs.ts';

type Settler = (state: SageMakerState, ctx: RequestContext) => boolean;

// Tuning jobs before training jobs: a wave they launch in the past is then settled in the same pass.
const SETTLERS: readonly Settler[] = [settleNotebookInstances, settleTuningJobs, settleTrainingJobs, settleProcessingJobs, settleEndpoints, settleModelPackages, settleMonitoringSchedules, settleDomains];

export function settle(ctx: RequestContext): SageMakerState {
  const state = sagemaker(ctx);
  let changed = false;
  for (const settler of SETTLERS) changed = settler(state, ctx) || changed;
  if (changed) ctx.stateChanged();
  return state;
}

/** Wraps a handler so it sees settled state. */
export function settled<I, O>(handler: Handler<I, O>): Handler<I, O> {
  return (input, ctx) => {
    settle(ctx);
    return handler(input, ctx);
  };
}
