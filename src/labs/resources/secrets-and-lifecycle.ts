/**
 * Secrets Manager secrets and SageMaker notebook lifecycle configurations named
 * `mlsec-<run-id>-<name>`, found by that prefix. Secrets are deleted without a recovery window:
 * they only ever held lab data. A secret already scheduled for deletion counts as gone.
 */
import { DeleteNotebookInstanceLifecycleConfigCommand, ListNotebookInstanceLifecycleConfigsCommand } from '@aws-sdk/client-sagemaker';
import { DeleteSecretCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';
import { listOrNoneWhereUnsupported } from './sweep-errors.ts';

export const secretsManagerSecret: ResourceKind = {
  type: 'secretsmanager:secret',
  service: 'secretsmanager',
  checkResourceType: 'AWS::SecretsManager::Secret',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 45,
  async find(ctx) {
    const sm = await ctx.aws.client('secretsmanager');
    const secrets = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [`${ctx.prefix}-`] }], NextToken: token, MaxResults: 100 })));
      return { items: page.SecretList ?? [], next: page.NextToken };
    });
    return secrets
      .filter((s) => s.Name?.startsWith(`${ctx.prefix}-`))
      .map((s) => ({ type: 'secretsmanager:secret', id: s.Name!, data: { deleted: s.DeletedDate ? 'yes' : 'no' } }));
  },
  async delete(ctx, resource) {
    const sm = await ctx.aws.client('secretsmanager');
    try {
      await withThrottlingRetry(() => sm.send(new DeleteSecretCommand({ SecretId: resource.id, ForceDeleteWithoutRecovery: true })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
  isGone: (resource) => resource.data?.deleted === 'yes',
};

export const sagemakerLifecycleConfig: ResourceKind = {
  type: 'sagemaker:lifecycle-config',
  service: 'sagemaker',
  checkResourceType: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  // After notebooks (30): a configuration in use by a notebook cannot be deleted.
  deleteOrder: 32,
  async find(ctx) {
    const sagemaker = await ctx.aws.client('sagemaker');
    // moto_server has no lifecycle configurations: every lab using SageMaker sweeps this kind there.
    const configs = await listOrNoneWhereUnsupported('SageMaker.ListNotebookInstanceLifecycleConfigs', () =>
      paginate(async (token) => {
        const page = await withThrottlingRetry(() => sagemaker.send(new ListNotebookInstanceLifecycleConfigsCommand({ NameContains: ctx.prefix, NextToken: token, MaxResults: 100 })));
        return { items: page.NotebookInstanceLifecycleConfigs ?? [], next: page.NextToken };
      }),
    );
    return configs.filter((c) => c.NotebookInstanceLifecycleConfigName?.startsWith(`${ctx.prefix}-`)).map((c) => ({ type: 'sagemaker:lifecycle-config', id: c.NotebookInstanceLifecycleConfigName! }));
  },
  async delete(ctx, resource) {
    const sagemaker = await ctx.aws.client('sagemaker');
    try {
      await withThrottlingRetry(() => sagemaker.send(new DeleteNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: resource.id })));
    } catch (error) {
      const info = toAwsErrorInfo(error);
      if (!isNotFound(info) && !/unable to describe|does not exist|not found/i.test(info.message)) throw error;
    }
  },
};
