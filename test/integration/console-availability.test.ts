/**
 * The labs catalog's availability: the lab engine's capability probe for every lab, against the
 * embedded emulator (or moto_server) over HTTP — behind a proxy whose LocalStack-style health report
 * leaves out a service, so one lab is available and another is not, with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { catalogAvailability } from '../../src/console/availability.ts';
import { filterChoices, matches, readFilters } from '../../src/console/catalog-filters.ts';
import { loadLabs } from '../../src/labs/index.ts';
import { startAwsTarget, type AwsTarget } from '../support/aws-target.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';

const labs = (await loadLabs()).map((l) => l.definition);
const bucketLab = labs.find((l) => l.id === 'exposed-training-data-bucket')!;
// A copy that also needs CloudTrail, which the proxy's health report will leave out.
const trailLab: typeof bucketLab = { ...bucketLab, id: 'needs-cloudtrail', services: [...bucketLab.services, 'cloudtrail'], operations: [...bucketLab.operations, 'cloudtrail:DescribeTrails'] };

let aws: AwsTarget | undefined;
let proxy: FaultProxy;
beforeAll(async () => {
  aws = await startAwsTarget();
  if (!aws) return console.warn('[console-availability] neither the embedded emulator nor moto_server is available: skipped.');
  proxy = await startFaultProxy(aws.url);
  proxy.faults.push({
    match: (r) => r.url === '/_localstack/health',
    times: Infinity,
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ services: { s3: 'running', s3control: 'running', kms: 'running', sts: 'running', cloudtrail: 'disabled' } }),
  });
});
afterAll(async () => {
  await proxy?.close();
  await aws?.stop();
});

describe('lab availability for the catalog', () => {
  it('marks each lab available or not, naming what the target lacks', async () => {
    if (!aws) return;
    const open = () => openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: proxy.endpoint }));
    const result = await catalogAvailability(open, [bucketLab, trailLab], { fresh: true });
    expect(result.problem).toBeUndefined();
    expect(result.target).toContain(proxy.endpoint);
    expect(result.labs['exposed-training-data-bucket']).toEqual({ status: 'available', reasons: [] });
    expect(result.labs['needs-cloudtrail']!.status).toBe('unavailable');
    expect(result.labs['needs-cloudtrail']!.reasons).toEqual([expect.stringMatching(/^cloudtrail: .*reports AWS CloudTrail as "disabled"/)]);
    // Remembered for a minute: the same answer without probing again.
    const seen = proxy.seen.length;
    expect(await catalogAvailability(open, [bucketLab, trailLab])).toBe(await catalogAvailability(open, [bucketLab, trailLab]));
    expect(proxy.seen.length).toBe(seen);
  });

  it('reports every lab as not known, with the reason, when the target cannot be reached', async () => {
    const open = () => openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: 'http://127.0.0.1:9' }));
    const result = await catalogAvailability(open, [bucketLab], { fresh: true });
    expect(result.labs['exposed-training-data-bucket']!.status).toBe('unknown');
    expect(result.problem).toMatch(/cannot be used right now/);
  });
});

describe('catalog filters', () => {
  const catalog = [
    { id: 'a', difficulty: 'introductory', services: ['s3', 'kms'], task: '4.3' },
    { id: 'b', difficulty: 'advanced', services: ['sagemaker'], task: '4.1' },
  ];
  const choices = filterChoices(catalog, ['4.1', '4.2', '4.3']);

  it('offers the difficulties, services and task statements there are', () => {
    expect(choices).toEqual({ difficulties: ['introductory', 'advanced'], services: ['kms', 's3', 'sagemaker'], tasks: ['4.1', '4.2', '4.3'] });
  });

  it('filters by each, and reports values that are not choices', () => {
    const { filters, problems } = readFilters(new URLSearchParams('service=kms&difficulty=expert&available=1'), choices);
    expect(filters).toEqual({ service: 'kms', difficulty: undefined, task: undefined, availableOnly: true });
    expect(problems).toEqual(['There is no difficulty “expert”; choose one of introductory, advanced.']);
    expect(catalog.filter((l) => matches(l, filters, () => true)).map((l) => l.id)).toEqual(['a']);
    expect(catalog.filter((l) => matches(l, filters, () => false))).toEqual([]);
    const byTask = readFilters(new URLSearchParams('task=4.1'), choices).filters;
    expect(catalog.filter((l) => matches(l, byTask, () => true)).map((l) => l.id)).toEqual(['b']);
  });
});
