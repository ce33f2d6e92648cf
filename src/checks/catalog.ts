/**
 * The check catalog: every check, addressable by id. Adding a check means adding its file under
 * `src/checks/<service>/` (with `<id>.fixtures.ts` beside it) and one line here; the catalog test
 * fails when a file is not listed.
 */
import iamRoleEffectivePermissions from './iam/iam-role-effective-permissions.ts';
import iamRoleNoAdministrativePrivileges from './iam/iam-role-no-administrative-privileges.ts';
import iamRoleNoKmsDecryptOnAllKeys from './iam/iam-role-no-kms-decrypt-on-all-keys.ts';
import iamRoleNoWildcardServiceActions from './iam/iam-role-no-wildcard-service-actions.ts';
import iamRoleTrustLimitedToService from './iam/iam-role-trust-limited-to-service.ts';
import kmsKeyPolicyNotPublic from './kms/kms-key-policy-not-public.ts';
import kmsKeyRotationEnabled from './kms/kms-key-rotation-enabled.ts';
import ec2DefaultSecurityGroupClosed from './ec2/ec2-default-security-group-closed.ts';
import ec2SecurityGroupNoPublicAdminPorts from './ec2/ec2-security-group-no-public-admin-ports.ts';
import ec2SecurityGroupNoPublicHighRiskPorts from './ec2/ec2-security-group-no-public-high-risk-ports.ts';
import ec2SubnetNoAutoPublicIp from './ec2/ec2-subnet-no-auto-public-ip.ts';
import ec2VpcSagemakerEndpoints from './ec2/ec2-vpc-sagemaker-endpoints.ts';
import sagemakerLifecycleConfigNoSecrets from './sagemaker/sagemaker-lifecycle-config-no-secrets.ts';
import sagemakerModelNoPlaintextSecrets from './sagemaker/sagemaker-model-no-plaintext-secrets.ts';
import sagemakerTrainingJobNoPlaintextSecrets from './sagemaker/sagemaker-training-job-no-plaintext-secrets.ts';
import secretsmanagerSecretPolicyLimitedToPrincipal from './secretsmanager/secretsmanager-secret-policy-limited-to-principal.ts';
import secretsmanagerSecretRotationEnabled from './secretsmanager/secretsmanager-secret-rotation-enabled.ts';
import sagemakerModelNetworkIsolation from './sagemaker/sagemaker-model-network-isolation.ts';
import sagemakerTrainingJobInVpc from './sagemaker/sagemaker-training-job-in-vpc.ts';
import sagemakerTrainingJobInterContainerEncryption from './sagemaker/sagemaker-training-job-inter-container-encryption.ts';
import sagemakerTrainingJobKmsEncrypted from './sagemaker/sagemaker-training-job-kms-encrypted.ts';
import sagemakerTrainingJobNetworkIsolation from './sagemaker/sagemaker-training-job-network-isolation.ts';
import sagemakerNotebookInVpc from './sagemaker/sagemaker-notebook-in-vpc.ts';
import sagemakerNotebookKmsEncrypted from './sagemaker/sagemaker-notebook-kms-encrypted.ts';
import sagemakerNotebookNoDirectInternet from './sagemaker/sagemaker-notebook-no-direct-internet.ts';
import sagemakerNotebookPrivateNetwork from './sagemaker/sagemaker-notebook-private-network.ts';
import sagemakerNotebookRootAccessDisabled from './sagemaker/sagemaker-notebook-root-access-disabled.ts';
import labAnswerCorrect from './lab/lab-answer-correct.ts';
import labProbeOutcome from './lab/lab-probe-outcome.ts';
import s3AccountBlockPublicAccess from './s3/s3-account-block-public-access.ts';
import s3BucketAccessLogging from './s3/s3-bucket-access-logging.ts';
import s3BucketAclsDisabled from './s3/s3-bucket-acls-disabled.ts';
import s3BucketBlockPublicAccess from './s3/s3-bucket-block-public-access.ts';
import s3BucketCrossAccountAccess from './s3/s3-bucket-cross-account-access.ts';
import s3BucketDefaultEncryptionKms from './s3/s3-bucket-default-encryption-kms.ts';
import s3BucketObjectReadEventsLogged from './s3/s3-bucket-object-read-events-logged.ts';
import s3BucketObjectWriteEventsLogged from './s3/s3-bucket-object-write-events-logged.ts';
import s3BucketPublicRead from './s3/s3-bucket-public-read.ts';
import s3BucketPublicWrite from './s3/s3-bucket-public-write.ts';
import s3BucketSecureTransport from './s3/s3-bucket-secure-transport.ts';
import s3BucketVersioning from './s3/s3-bucket-versioning.ts';
import cloudwatchEndpointMetricAlarm from './cloudwatch/cloudwatch-endpoint-metric-alarm.ts';
import sagemakerEndpointDataCapture from './sagemaker/sagemaker-endpoint-data-capture.ts';
import sagemakerEndpointDataQualityMonitoring from './sagemaker/sagemaker-endpoint-data-quality-monitoring.ts';
import sagemakerMonitoringScheduleInterContainerEncryption from './sagemaker/sagemaker-monitoring-schedule-inter-container-encryption.ts';
import sagemakerMonitoringScheduleNetworkIsolation from './sagemaker/sagemaker-monitoring-schedule-network-isolation.ts';
import applicationAutoscalingEndpointTargetTracking from './application-autoscaling/application-autoscaling-endpoint-target-tracking.ts';
import budgetsCostBudgetAlert from './budgets/budgets-cost-budget-alert.ts';
import ceCostAllocationTagsActive from './ce/ce-cost-allocation-tags-active.ts';
import logsLogGroupRetention365Days from './logs/logs-log-group-retention-365-days.ts';
import logsLogGroupRetentionSet from './logs/logs-log-group-retention-set.ts';
import sagemakerEndpointCostTags from './sagemaker/sagemaker-endpoint-cost-tags.ts';
import sagemakerEndpointVariantInstanceCount from './sagemaker/sagemaker-endpoint-variant-instance-count.ts';
import sagemakerTrainingManagedSpot from './sagemaker/sagemaker-training-managed-spot.ts';
import cloudtrailCloudwatchLogs from './cloudtrail/cloudtrail-cloudwatch-logs.ts';
import cloudtrailKmsEncryption from './cloudtrail/cloudtrail-kms-encryption.ts';
import cloudtrailLogFileValidation from './cloudtrail/cloudtrail-log-file-validation.ts';
import cloudtrailMultiRegionLogging from './cloudtrail/cloudtrail-multi-region-logging.ts';
import cloudwatchAlarmActionsEnabled from './cloudwatch/cloudwatch-alarm-actions-enabled.ts';
import cloudwatchEndpointVariantAlarms from './cloudwatch/cloudwatch-endpoint-variant-alarms.ts';
import eventsSagemakerEndpointStateRule from './events/events-sagemaker-endpoint-state-rule.ts';
import sagemakerEndpointTrafficShift from './sagemaker/sagemaker-endpoint-traffic-shift.ts';
import type { AnyCheck } from './types.ts';

export const checks: readonly AnyCheck[] = [
  s3AccountBlockPublicAccess,
  s3BucketBlockPublicAccess,
  s3BucketPublicRead,
  s3BucketPublicWrite,
  s3BucketAclsDisabled,
  s3BucketSecureTransport,
  s3BucketCrossAccountAccess,
  s3BucketDefaultEncryptionKms,
  s3BucketVersioning,
  s3BucketAccessLogging,
  s3BucketObjectWriteEventsLogged,
  s3BucketObjectReadEventsLogged,
  labAnswerCorrect,
  ec2SecurityGroupNoPublicAdminPorts,
  ec2SecurityGroupNoPublicHighRiskPorts,
  ec2DefaultSecurityGroupClosed,
  ec2SubnetNoAutoPublicIp,
  ec2VpcSagemakerEndpoints,
  sagemakerNotebookNoDirectInternet,
  sagemakerNotebookInVpc,
  sagemakerNotebookRootAccessDisabled,
  sagemakerNotebookKmsEncrypted,
  sagemakerNotebookPrivateNetwork,
  sagemakerTrainingJobNetworkIsolation,
  sagemakerTrainingJobInterContainerEncryption,
  sagemakerTrainingJobKmsEncrypted,
  sagemakerTrainingJobInVpc,
  sagemakerModelNetworkIsolation,
  sagemakerTrainingJobNoPlaintextSecrets,
  sagemakerModelNoPlaintextSecrets,
  sagemakerLifecycleConfigNoSecrets,
  secretsmanagerSecretRotationEnabled,
  secretsmanagerSecretPolicyLimitedToPrincipal,
  labProbeOutcome,
  iamRoleNoAdministrativePrivileges,
  iamRoleNoWildcardServiceActions,
  iamRoleNoKmsDecryptOnAllKeys,
  iamRoleTrustLimitedToService,
  iamRoleEffectivePermissions,
  kmsKeyRotationEnabled,
  kmsKeyPolicyNotPublic,
  sagemakerEndpointDataCapture,
  sagemakerEndpointDataQualityMonitoring,
  sagemakerMonitoringScheduleNetworkIsolation,
  sagemakerMonitoringScheduleInterContainerEncryption,
  cloudwatchEndpointMetricAlarm,
  sagemakerEndpointCostTags,
  ceCostAllocationTagsActive,
  sagemakerEndpointVariantInstanceCount,
  applicationAutoscalingEndpointTargetTracking,
  sagemakerTrainingManagedSpot,
  logsLogGroupRetention365Days,
  logsLogGroupRetentionSet,
  budgetsCostBudgetAlert,
  cloudtrailMultiRegionLogging,
  cloudtrailKmsEncryption,
  cloudtrailLogFileValidation,
  cloudtrailCloudwatchLogs,
  cloudwatchAlarmActionsEnabled,
  cloudwatchEndpointVariantAlarms,
  sagemakerEndpointTrafficShift,
  eventsSagemakerEndpointStateRule,
];

const byId = new Map(checks.map((c) => [c.id, c]));

export function getCheck(id: string): AnyCheck | undefined {
  return byId.get(id);
}

export function checkIds(): string[] {
  return checks.map((c) => c.id);
}
