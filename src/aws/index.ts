/**
 * `src/aws` — the only door to AWS. Labs, inventory and the CLI get a `Target` (where the learner's
 * environment lives) and an `AwsClients` factory (SDK v3 clients for it, behind the sandbox guard).
 */
export type { AwsCredentials, AwsCredentialsProvider, GuardPolicy, Target, TargetDescription, TargetKind } from './target.ts';
export { TargetConfigError, targetKinds } from './target.ts';
export { targetSettingsFromEnv, isRealAwsEndpoint, learnerEnvironmentFor, type TargetSettings } from './target-settings.ts';
export { openTarget } from './open-target.ts';
export { createAwsClients, isTargetUnreachable, regionalClientFactory, type AwsClients, type ClientOptions } from './clients.ts';
export { checkSandbox, SandboxRefusedError, type CallerIdentity } from './sandbox-guard.ts';
export { labRequirements, probeCapabilities, parseOperation, TargetUnreachableError, type CapabilityNeeds, type CapabilityReport, type LabRequirement, type MissingCapability } from './capabilities.ts';
export { withThrottlingRetry, type RetryOptions } from './retry.ts';
export {
  AwsCallError,
  formatAwsError,
  isNetworkError,
  isNotFound,
  isThrottling,
  isUnsupportedOperation,
  toAwsErrorInfo,
  type AwsErrorInfo,
} from './errors.ts';
export { services, serviceNames, isServiceName, type ServiceName, type ServiceClients } from './services.ts';
export {
  AccountPoolTenantProvider,
  EmbeddedTenantProvider,
  SharedEndpointTenantProvider,
  TenantError,
  learnerSessionName,
  tenantProviderFor,
  type ProvisionRequest,
  type Tenant,
  type TenantErrorCode,
  type TenantProvider,
} from './tenants/index.ts';
