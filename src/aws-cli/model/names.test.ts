import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServiceModel } from './service-model.ts';
import { serviceNames } from './services.ts';
import { cliName } from './names.ts';

// How botocore (the real AWS CLI) names every operation and parameter of our services, captured by
// test/fixtures/aws-cli/capture-botocore-names.py.
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/aws-cli/botocore-names.json'), 'utf8')) as {
  operations: Record<string, Record<string, string>>;
  parameters: Record<string, string>;
};

describe('cliName (botocore xform_name)', () => {
  it.each([
    ['PutBucketPolicy', 'put-bucket-policy'],
    ['GetCallerIdentity', 'get-caller-identity'],
    ['ListObjectsV2', 'list-objects-v2'],
    ['DescribeVpcEndpoints', 'describe-vpc-endpoints'],
    ['PutMetricData', 'put-metric-data'],
    ['ListACLs', 'list-acls'],
    ['SSEKMSKeyId', 'ssekms-key-id'],
    ['GetOTelEnrichment', 'get-otel-enrichment'],
  ])('%s → %s', (name, expected) => expect(cliName(name)).toBe(expected));

  it('names every operation and parameter exactly as the AWS CLI does', () => {
    const wrong: string[] = [];
    for (const ops of Object.values(fixture.operations)) for (const [name, cli] of Object.entries(ops)) if (cliName(name) !== cli) wrong.push(`${name}: ${cliName(name)} ≠ ${cli}`);
    for (const [name, cli] of Object.entries(fixture.parameters)) if (cliName(name) !== cli) wrong.push(`${name}: ${cliName(name)} ≠ ${cli}`);
    expect(wrong).toEqual([]);
    expect(Object.keys(fixture.parameters).length).toBeGreaterThan(2000);
  });

  it('finds, for each service, the operations the CLI has (where the SDK has them too)', async () => {
    const botocoreName: Record<string, string> = { s3api: 's3' };
    for (const service of serviceNames) {
      const model = await loadServiceModel(service);
      const cli = Object.values(fixture.operations[botocoreName[service] ?? service] ?? {});
      const ours = new Set(model.operations.keys());
      const shared = cli.filter((op) => ours.has(op));
      // SDK and CLI releases differ by a few operations at most.
      expect(shared.length / cli.length, service).toBeGreaterThan(0.9);
    }
  });
});
