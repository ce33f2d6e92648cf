/** Secrets Manager collector: secrets by name, with rotation settings and the resource policy. Never reads secret values. */
import { DescribeSecretCommand, GetResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import type { AwsClients } from '../../aws/index.ts';
import { observe } from '../observed.ts';
import { mapLimit } from '../paginate.ts';
import type { PolicyDocument } from '../types.ts';
import type { SecretDetail, SecretEntry, SecretsManagerInventory } from '../types-secretsmanager.ts';

export async function collectSecretsManager(aws: AwsClients, scope: { secrets: string[] }): Promise<SecretsManagerInventory> {
  const sm = await aws.client('secretsmanager');
  const secrets = await mapLimit(scope.secrets, 4, async (name): Promise<SecretEntry> => {
    const described = await observe('SecretsManager.DescribeSecret', () => sm.send(new DescribeSecretCommand({ SecretId: name })), { notFound: null });
    if (!described.ok) return { name, found: described };
    const d = described.value;
    if (!d) return { name, found: { ok: true, value: null } };
    const policy = await observe<PolicyDocument | null>('SecretsManager.GetResourcePolicy', async () => {
      const text = (await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy;
      return text ? (JSON.parse(text) as PolicyDocument) : null;
    });
    const rules = d.RotationRules;
    const detail: SecretDetail = {
      name: d.Name ?? name,
      arn: d.ARN ?? '',
      rotationEnabled: d.RotationEnabled === true,
      ...(d.RotationLambdaARN ? { rotationLambdaArn: d.RotationLambdaARN } : {}),
      ...(rules?.ScheduleExpression || rules?.AutomaticallyAfterDays ? { rotationSchedule: rules.ScheduleExpression ?? `every ${rules.AutomaticallyAfterDays} days` } : {}),
      ...(d.KmsKeyId ? { kmsKeyId: d.KmsKeyId } : {}),
      ...(d.DeletedDate ? { deletedDate: d.DeletedDate.toISOString() } : {}),
      policy,
    };
    return { name, found: { ok: true, value: detail } };
  });
  return { secrets };
}
