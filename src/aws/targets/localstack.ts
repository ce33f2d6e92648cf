import type { TargetSettings } from '../target-settings.ts';
import type { Target } from '../target.ts';
import { endpointTarget } from './endpoint.ts';

/**
 * A LocalStack the user runs. Its `/_localstack/health` document names the services and their
 * states; services it lists as disabled or missing (SageMaker, CloudTrail and Organizations are
 * paid tiers there) make a lab unavailable before anything is created.
 */
export function localstackTarget(settings: TargetSettings): Target {
  return endpointTarget(settings, { kind: 'localstack', label: `LocalStack at ${settings.endpoint}` });
}
