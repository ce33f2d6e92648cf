import type { AwsClients } from '../aws/index.ts';
import { collectCloudTrail } from './collectors/cloudtrail.ts';
import { collectIam } from './collectors/iam.ts';
import { collectEc2 } from './collectors/ec2.ts';
import { collectSageMakerModels } from './collectors/sagemaker-models.ts';
import { collectSageMakerNotebooks } from './collectors/sagemaker-notebooks.ts';
import { collectSageMakerTraining } from './collectors/sagemaker-training.ts';
import { collectSecretsManager } from './collectors/secretsmanager.ts';
import { collectKms } from './collectors/kms.ts';
import { collectS3 } from './collectors/s3.ts';
import { collectObservability } from './collect-observability.ts';
import type { InventoryScope } from './scope.ts';
import type { Inventory } from './types.ts';

/**
 * Reads everything `scope` asks for, services in parallel. Collectors never throw for an AWS error:
 * each value they could not read is an `Observed` error that checks report as "could not check".
 * Only the identity (the sandbox guard) can fail the whole collection.
 */
export async function collectInventory(aws: AwsClients, scope: InventoryScope): Promise<Inventory> {
  const identity = await aws.identity();
  const account = { id: identity.accountId, region: identity.region, partition: identity.partition };
  // Started before the others are awaited, so IAM is read in parallel with them (collectors do not throw).
  const iamPending = scope.iam?.roles ? collectIam(aws, scope.iam, account) : undefined;
  const ec2Pending = scope.ec2 ? collectEc2(aws, scope.ec2) : undefined;
  const notebooksPending = scope.sagemakerNotebooks ? collectSageMakerNotebooks(aws, scope.sagemakerNotebooks) : undefined;
  const trainingPending = scope.sagemakerTraining ? collectSageMakerTraining(aws, scope.sagemakerTraining) : undefined;
  const modelsPending = scope.sagemakerModels ? collectSageMakerModels(aws, scope.sagemakerModels) : undefined;
  const secretsPending = scope.secretsmanager ? collectSecretsManager(aws, scope.secretsmanager) : undefined;
  const [s3, kms, cloudtrail] = await Promise.all([
    scope.s3 ? collectS3(aws, scope.s3, account) : undefined,
    scope.kms ? collectKms(aws, scope.kms, account) : undefined,
    scope.cloudtrail?.trails ? collectCloudTrail(aws) : undefined,
  ]);
  const iam = await iamPending;
  const observability = await collectObservability(aws, scope, account);
  const ec2 = await ec2Pending;
  const sagemakerNotebooks = await notebooksPending;
  const sagemakerTraining = await trainingPending;
  const sagemakerModels = await modelsPending;
  const secretsmanager = await secretsPending;
  return {
    ...observability,
    collectedAt: new Date().toISOString(),
    account,
    ...(s3 ? { s3 } : {}),
    ...(kms ? { kms } : {}),
    ...(cloudtrail ? { cloudtrail } : {}),
    ...(iam ? { iam } : {}),
    ...(ec2 ? { ec2 } : {}),
    ...(sagemakerNotebooks ? { sagemakerNotebooks } : {}),
    ...(sagemakerTraining ? { sagemakerTraining } : {}),
    ...(sagemakerModels ? { sagemakerModels } : {}),
    ...(secretsmanager ? { secretsmanager } : {}),
  };
}
