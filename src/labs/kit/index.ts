/**
 * The lab author's toolbox: `defineLab`, the context type, and helpers for steps many labs share.
 * Labs import from here (and from the AWS SDK for commands); nothing else of the engine.
 */
export { defineLab, type LabAuthoring, type LabContext, type LabDefinitionInput } from '../definition.ts';
export { createBucket, putObjects, readBucketPolicy, writeBucketPolicy, editBucketPolicy, allowPublicBucketsInAccount } from './s3.ts';
export { createKeyWithAlias } from './kms.ts';
export { attachManagedPolicy, createAttachedPolicy, createExecutionRole, createRole, detachAwsManagedPolicies, editManagedPolicy, putRoleInlinePolicy, sagemakerTrustPolicy } from './iam.ts';
export { isEveryonePrincipal, restrictingCondition, conditionsOf, statementsOf } from '../../checks/lib/policy.ts';
export type { PolicyDocument, PolicyStatement, ProbeOutcome } from '../../inventory/types.ts';
export { attempt, assumeRoleClients } from './probes.ts';
export { createModel, createEndpointConfig, createEndpoint, waitForEndpoint, xgboostImage } from './sagemaker-hosting.ts';
export { notebooksNamed, retireNotebook, notebookStatus } from './sagemaker.ts';
