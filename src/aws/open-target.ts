import type { Target } from './target.ts';
import { targetSettingsFromEnv, type TargetSettings } from './target-settings.ts';
import { awsTarget } from './targets/aws.ts';
import { embeddedTarget, type EmbeddedOptions } from './targets/embedded.ts';
import { endpointTarget } from './targets/endpoint.ts';
import { localstackTarget } from './targets/localstack.ts';

/** Opens the target the settings (by default: the environment) describe. Call `close()` when done. */
export async function openTarget(settings: TargetSettings = targetSettingsFromEnv(), options: EmbeddedOptions = {}): Promise<Target> {
  switch (settings.kind) {
    case 'embedded':
      return embeddedTarget(settings, options);
    case 'localstack':
      return localstackTarget(settings);
    case 'endpoint':
      return endpointTarget(settings);
    case 'aws':
      return awsTarget(settings);
  }
}
