/** Which events a trail's classic and advanced selectors select, case by case. */
import type * as CT from '@aws-sdk/client-cloudtrail';
import { describe, expect, it } from 'vitest';
import { defaultEventSelectors } from '../state.ts';
import { type SelectableEvent, trailSelects } from './selector-match.ts';

const object = (bucket: string, key: string) => [
  { type: 'AWS::S3::Object', name: `${bucket}/${key}`, arn: `arn:aws:s3:::${bucket}/${key}` },
  { type: 'AWS::S3::Bucket', name: bucket, arn: `arn:aws:s3:::${bucket}` },
];

const putModel: SelectableEvent = { category: 'Data', readOnly: false, eventSource: 's3.amazonaws.com', eventName: 'PutObject', eventType: 'AwsApiCall', resources: object('models', 'fraud/v1.tar.gz') };
const getModel: SelectableEvent = { ...putModel, readOnly: true, eventName: 'GetObject' };
const putScratch: SelectableEvent = { ...putModel, resources: object('scratch', 'x') };
const listModels: SelectableEvent = { ...getModel, eventName: 'ListObjects', resources: [{ type: 'AWS::S3::Object', name: 'models/', arnPrefix: 'arn:aws:s3:::models/' }, object('models', '')[1]!] };
const createUser: SelectableEvent = { category: 'Management', readOnly: false, eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventType: 'AwsApiCall', resources: [] };
const decrypt: SelectableEvent = { category: 'Management', readOnly: true, eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', eventType: 'AwsApiCall', resources: [] };

const classic = (selectors: CT.EventSelector[]) => ({ eventSelectors: selectors });
const advanced = (selectors: CT.AdvancedEventSelector[]) => ({ advancedEventSelectors: selectors });

describe('classic event selectors', () => {
  it('log every management event and no data event by default', () => {
    const trail = classic(defaultEventSelectors());
    expect([createUser, decrypt, putModel, getModel].map((e) => trailSelects(trail, e))).toEqual([true, true, false, false]);
  });

  it('select data events by ARN prefix and read/write type', () => {
    const writes = classic([{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::models/'] }] }]);
    expect([putModel, getModel, putScratch, createUser].map((e) => trailSelects(writes, e))).toEqual([true, false, false, false]);
    const all = classic([{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }]);
    expect([putModel, getModel, putScratch, listModels, createUser].map((e) => trailSelects(all, e))).toEqual([true, true, true, true, true]);
    const prefix = classic([{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::models/fraud/'] }] }]);
    expect([putModel, listModels].map((e) => trailSelects(prefix, e))).toEqual([true, false]);
  });

  it('exclude management event sources', () => {
    const noKms = classic([{ ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] }]);
    expect([createUser, decrypt].map((e) => trailSelects(noKms, e))).toEqual([true, false]);
  });
});

describe('advanced event selectors', () => {
  it('AND field selectors, OR selectors, honour every operator', () => {
    const trail = advanced([
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::models/'] }, { Field: 'eventName', NotEquals: ['GetObject'] }] },
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
    ]);
    expect([putModel, getModel, putScratch, listModels, createUser, decrypt].map((e) => trailSelects(trail, e))).toEqual([true, false, false, true, true, false]);
    const suffix = advanced([{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', EndsWith: ['.tar.gz'], NotStartsWith: ['arn:aws:s3:::scratch/'] }] }]);
    expect([putModel, putScratch].map((e) => trailSelects(suffix, e))).toEqual([true, false]);
    const noEnds = advanced([{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', NotEndsWith: ['.tar.gz'] }] }]);
    expect([putModel, putScratch].map((e) => trailSelects(noEnds, e))).toEqual([false, true]);
    const notKms = advanced([{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] }]);
    expect([createUser, decrypt].map((e) => trailSelects(notKms, e))).toEqual([true, false]);
  });
});
