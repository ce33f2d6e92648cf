import { describe, expect, it } from 'vitest';
import { environmentOf, kindOf } from '../../../src/console/environment.ts';
import { findLab, type GradeResult } from '../../../src/labs/index.ts';
import { resourceNames } from '../../../src/labs/context.ts';

const lab = await findLab('exposed-training-data-bucket');
const names = resourceNames(lab.definition, 'abcd1234');
const bucket = names.trainingBucket!;
const alias = names.teamKey!;

function grade(findings: { checkId: string; type: string; id: string; status: 'pass' | 'fail' | 'unknown' }[]): GradeResult {
  return {
    at: '2026-11-26T12:00:00.000Z',
    passed: false,
    durationMs: 10,
    counts: { pass: 0, fail: 0, unknown: 0 },
    tasks: [{ id: 't', title: 'T', status: 'fail', findings: findings.map((f) => ({ checkId: f.checkId, resource: { type: f.type, id: f.id }, status: f.status, summary: '', evidence: [] })) }],
  };
}

describe('the environment view', () => {
  it('shows the declared resources and the account, unchecked, with the relation the lab names', () => {
    const view = environmentOf(lab, names, undefined, '000000000000');
    expect(view.nodes.map((n) => [n.id, n.kind, n.status])).toEqual([
      [bucket, 'data', 'not-checked'],
      [alias, 'keys', 'not-checked'],
      ['000000000000', 'account', 'not-checked'],
    ]);
    expect(view.edges).toEqual([{ from: bucket, to: alias, label: expect.stringMatching(/KMS/) }]);
  });

  it('marks each resource with its findings: any failure fails it, otherwise any unknown', () => {
    const view = environmentOf(
      lab,
      names,
      grade([
        { checkId: 's3-bucket-versioning', type: 'AWS::S3::Bucket', id: bucket, status: 'pass' },
        { checkId: 's3-bucket-public-read', type: 'AWS::S3::Bucket', id: bucket, status: 'fail' },
        { checkId: 's3-account-block-public-access', type: 'AWS::::Account', id: '000000000000', status: 'unknown' },
        { checkId: 'lab-answer-correct', type: 'MLSEC::Lab::Evidence', id: 'lab', status: 'pass' },
        { checkId: 's3-bucket-versioning', type: 'AWS::S3::Bucket', id: 'a-recreated-bucket', status: 'pass' },
      ]),
      '000000000000',
    );
    const byId = Object.fromEntries(view.nodes.map((n) => [n.id, n]));
    expect(byId[bucket]).toMatchObject({ status: 'fail', counts: { pass: 1, fail: 1, unknown: 0 } });
    expect(byId['000000000000']!.status).toBe('unknown');
    expect(byId[alias]!.status).toBe('not-checked');
    expect(byId['a-recreated-bucket']).toMatchObject({ kind: 'data', status: 'pass' });
    expect(view.nodes.some((n) => n.type === 'MLSEC::Lab::Evidence')).toBe(false);
    expect(view.checkedAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('sorts resource types into the diagram’s columns', () => {
    expect(['AWS::EC2::VPC', 'AWS::EC2::SecurityGroup', 'AWS::SageMaker::NotebookInstance', 'AWS::IAM::Role', 'AWS::KMS::Key', 'AWS::CloudTrail::Trail', 'AWS::Foo::Bar'].map(kindOf)).toEqual([
      'network',
      'network',
      'compute',
      'identity',
      'keys',
      'monitoring',
      'other',
    ]);
  });
});
