/**
 * `src/aws/tenants` — isolated learner accounts for workshops. `tenantProviderFor(settings)` picks
 * the provider for the target; the workshop server stores each `Tenant` and opens its `Target`.
 * See docs/workshops.md ("Isolation").
 */
export { TenantError, type ProvisionRequest, type Tenant, type TenantErrorCode, type TenantProvider } from './tenant.ts';
export { tenantProviderFor } from './provider-for.ts';
export { EmbeddedTenantProvider, type EmbeddedTenantOptions } from './embedded-provider.ts';
export { AccountPoolTenantProvider, poolFromEnv, POOL_VARIABLE, type AccountPoolOptions, type PoolRole } from './account-pool-provider.ts';
export { SharedEndpointTenantProvider } from './shared-endpoint-provider.ts';
export { learnerSessionName } from './session-name.ts';
