/**
 * The resource kinds of every lab, merged: one kind per type (a second one would be shadowed in
 * lookups and sweep twice), and the delete order IAM and SageMaker need across labs.
 */
import { describe, expect, it } from 'vitest';
import { getResourceKind, resourceKinds } from './index.ts';

const order = (type: string) => getResourceKind(type)!.deleteOrder;

describe('resource kinds', () => {
  it('defines each type once, and every type is found by getResourceKind', () => {
    const types = resourceKinds.map((k) => k.type);
    expect(new Set(types).size).toBe(types.length);
    for (const kind of resourceKinds) expect(getResourceKind(kind.type)).toBe(kind);
  });

  it('deletes roles after everything that runs as them, and policies after roles', () => {
    for (const user of ['sagemaker:notebook-instance', 'sagemaker:training-job', 'sagemaker:model', 'sagemaker:endpoint', 'sagemaker:monitoring-schedule', 'kms:key', 'iam:user']) {
      expect(order('iam:role'), user).toBeGreaterThan(order(user));
    }
    expect(order('iam:policy')).toBeGreaterThan(order('iam:role'));
  });

  it('deletes SageMaker dependants first: schedules, endpoints, endpoint configurations, then models', () => {
    expect(order('sagemaker:monitoring-schedule')).toBeLessThan(order('sagemaker:endpoint'));
    expect(order('sagemaker:endpoint')).toBeLessThan(order('sagemaker:endpoint-config'));
    expect(order('sagemaker:endpoint-config')).toBeLessThan(order('sagemaker:model'));
    expect(order('sagemaker:notebook-instance')).toBeLessThan(order('sagemaker:lifecycle-config'));
    expect(order('sagemaker:training-job')).toBeLessThan(order('s3:bucket'));
  });

  it('has no SageMaker-specific role kind: execution roles are iam:role', () => {
    expect(resourceKinds.filter((k) => k.checkResourceType === 'AWS::IAM::Role').map((k) => k.type)).toEqual(['iam:role']);
  });
});
