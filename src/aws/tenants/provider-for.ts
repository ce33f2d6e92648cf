import type { TargetSettings } from '../target-settings.ts';
import { AccountPoolTenantProvider } from './account-pool-provider.ts';
import { EmbeddedTenantProvider } from './embedded-provider.ts';
import { SharedEndpointTenantProvider } from './shared-endpoint-provider.ts';
import type { TenantProvider } from './tenant.ts';

/**
 * The tenant provider for the configured target: strict emulator accounts (embedded), a pool of
 * sandbox accounts (aws, MLSEC_WORKSHOP_ACCOUNT_ROLES), or one account id per learner by convention
 * (LocalStack, other endpoints). Configuration errors are TargetConfigError, raised here, before
 * anything is called.
 */
export function tenantProviderFor(settings: TargetSettings, env: NodeJS.ProcessEnv = process.env): TenantProvider {
  switch (settings.kind) {
    case 'embedded':
      return new EmbeddedTenantProvider(settings, env);
    case 'aws':
      return new AccountPoolTenantProvider(settings, env);
    case 'localstack':
    case 'endpoint':
      return new SharedEndpointTenantProvider(settings);
  }
}
