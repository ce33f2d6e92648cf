/**
 * The restXml layer, proven with test providers on S3's and S3 Control's real schemas: routing by
 * method + path + query (+ headers), path-style and virtual-hosted addressing, labels, headers,
 * prefix headers, XML and blob payloads, flattened lists, HEAD, and S3-style errors.
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetBucketAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError, defineService, type RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

interface Obj { body: Buffer; contentType?: string; metadata?: Record<string, string>; modified: Date }
const buckets = new Map<string, { region: string; objects: Map<string, Obj>; tags?: { Key: string; Value: string }[] }>();
const calls: { op: string; input: Record<string, any> }[] = [];

function bucket(name: string) {
  const b = buckets.get(name);
  if (!b) throw new AwsServiceError('NoSuchBucket', 'The specified bucket does not exist', { fields: { BucketName: name } });
  return b;
}

const record = (op: string, fn: (input: any) => unknown) => (input: any) => {
  calls.push({ op, input });
  return fn(input);
};

const testS3 = defineService({
  id: 's3',
  title: 'S3 (test provider)',
  signingName: 's3',
  protocol: 'restXml',
  restXml: { s3Addressing: true },
  wire: { apiVersion: '2006-03-01', xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  loadModel: () => import('@aws-sdk/client-s3') as Promise<Record<string, unknown>>,
  handlers: {
    CreateBucket: record('CreateBucket', (input) => {
      buckets.set(input.Bucket, { region: input.CreateBucketConfiguration?.LocationConstraint ?? 'us-east-1', objects: new Map() });
      return { Location: `/${input.Bucket}` };
    }),
    ListBuckets: record('ListBuckets', () => ({ Buckets: [...buckets.keys()].map((Name) => ({ Name, CreationDate: new Date(0) })), Owner: { ID: 'owner', DisplayName: 'me' } })),
    PutObject: record('PutObject', (input) => {
      bucket(input.Bucket).objects.set(input.Key, { body: input.Body ?? Buffer.alloc(0), contentType: input.ContentType, metadata: input.Metadata, modified: new Date('2026-03-04T05:06:07Z') });
      return { ETag: '"etag"' };
    }),
    CopyObject: record('CopyObject', (input) => {
      const [srcBucket, ...key] = decodeURIComponent(input.CopySource).replace(/^\//, '').split('/');
      const src = bucket(srcBucket!).objects.get(key.join('/'))!;
      bucket(input.Bucket).objects.set(input.Key, { ...src });
      return { CopyObjectResult: { ETag: '"etag"', LastModified: src.modified } };
    }),
    GetObject: record('GetObject', (input) => {
      const o = bucket(input.Bucket).objects.get(input.Key);
      if (!o) throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: input.Key } });
      return { Body: o.body, ContentType: o.contentType, ContentLength: o.body.length, Metadata: o.metadata, LastModified: o.modified, ETag: '"etag"' };
    }),
    HeadObject: record('HeadObject', (input) => {
      const o = bucket(input.Bucket).objects.get(input.Key);
      if (!o) throw new AwsServiceError('NotFound', 'Not Found', { status: 404 });
      return { ContentLength: o.body.length, ContentType: o.contentType, Metadata: o.metadata, LastModified: o.modified };
    }),
    ListObjectsV2: record('ListObjectsV2', (input) => {
      const keys = [...bucket(input.Bucket).objects.keys()].filter((k) => k.startsWith(input.Prefix ?? '')).sort();
      return { Name: input.Bucket, Prefix: input.Prefix, KeyCount: keys.length, MaxKeys: input.MaxKeys ?? 1000, IsTruncated: false, Contents: keys.map((Key) => ({ Key, Size: 1, LastModified: new Date(0), StorageClass: 'STANDARD' })) };
    }),
    PutBucketTagging: record('PutBucketTagging', (input) => {
      bucket(input.Bucket).tags = input.Tagging.TagSet;
      return {};
    }),
    GetBucketTagging: record('GetBucketTagging', (input) => ({ TagSet: bucket(input.Bucket).tags ?? [] })),
    GetBucketAcl: record('GetBucketAcl', () => ({
      Owner: { ID: 'abc', DisplayName: 'me' },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'abc', DisplayName: 'me' }, Permission: 'FULL_CONTROL' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }],
    })),
  },
});

let pab: Record<string, boolean> | undefined;
const testS3Control = defineService({
  id: 's3control',
  title: 'S3 Control (test provider)',
  signingName: 's3',
  protocol: 'restXml',
  pathPrefix: '/v20180820/',
  restXml: { wrapErrors: true },
  wire: { apiVersion: '2018-08-20', xmlNamespace: 'http://awss3control.amazonaws.com/doc/2018-08-20/' },
  loadModel: () => import('@aws-sdk/client-s3-control') as Promise<Record<string, unknown>>,
  handlers: {
    PutPublicAccessBlock: record('PutPublicAccessBlock', (input) => {
      pab = input.PublicAccessBlockConfiguration;
      return {};
    }),
    GetPublicAccessBlock: record('GetPublicAccessBlock', () => {
      if (!pab) throw new AwsServiceError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
      return { PublicAccessBlockConfiguration: pab };
    }),
  },
});

/** Resolves every host name to 127.0.0.1, so virtual-hosted names reach the emulator offline. */
const loopback = new NodeHttpHandler({
  httpAgent: new http.Agent({ lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) => (o?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4))) as never }),
});

describe('restXml protocol', () => {
  let emu: RunningEmulator;
  let s3: S3Client;
  beforeAll(async () => {
    emu = await emulator({ services: [testS3, testS3Control] });
    s3 = new S3Client({ ...clientConfig(emu.url), forcePathStyle: true });
  });
  afterAll(async () => emu.stop());

  it('parses XML payloads and routes service- and bucket-level operations', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' }, ACL: 'private' }));
    expect(calls.at(-1)).toEqual({ op: 'CreateBucket', input: { Bucket: 'data', ACL: 'private', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } } });
    const list = await s3.send(new ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toContain('data');
    expect(list.Owner).toEqual({ ID: 'owner', DisplayName: 'me' });
  });

  it('binds greedy keys, headers, prefix headers and blob payloads both ways', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'train/a b+c.csv', Body: 'x,y\n1,2\n', ContentType: 'text/csv', Metadata: { owner: 'alice' } }));
    expect(calls.at(-1)?.input).toMatchObject({ Bucket: 'data', Key: 'train/a b+c.csv', ContentType: 'text/csv', Metadata: { owner: 'alice' } });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'train/a b+c.csv' }));
    expect(await got.Body!.transformToString()).toBe('x,y\n1,2\n');
    expect(got).toMatchObject({ ContentType: 'text/csv', Metadata: { owner: 'alice' }, ContentLength: 8 });
    expect(got.LastModified?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'train/a b+c.csv' }));
    expect(head.ContentLength).toBe(8);
  });

  it('decodes aws-chunked streaming uploads (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'stream.txt', Body: Readable.from([Buffer.from('hello '), Buffer.from('stream')]), ContentLength: 12 }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'stream.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello stream');
  });

  it('tells PutObject from CopyObject by the x-amz-copy-source header', async () => {
    await s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'copy.csv', CopySource: 'data/train/a%20b%2Bc.csv' }));
    expect(calls.at(-1)?.op).toBe('CopyObject');
  });

  it('serializes flattened lists, nested structures and xsi:type attributes', async () => {
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'train/' }));
    expect(list.Contents?.map((c) => c.Key)).toEqual(['train/a b+c.csv']);
    expect(list.KeyCount).toBe(1);
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'data', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'data' }))).TagSet).toEqual([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'data' }));
    expect(acl.Grants?.[0]?.Grantee).toEqual({ Type: 'CanonicalUser', ID: 'abc', DisplayName: 'me' });
    expect(acl.Grants?.[1]?.Grantee).toEqual({ Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' });
  });

  it('answers errors in S3 shape; HEAD errors carry no body', async () => {
    const missing = await awsError(() => s3.send(new GetObjectCommand({ Bucket: 'nope', Key: 'k' })));
    expect(missing.name).toBe('NoSuchBucket');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect((missing as { BucketName?: string }).BucketName).toBe('nope');
    const head = await awsError(() => s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'missing' })));
    expect(head.name).toBe('NotFound');
    expect(head.$metadata.httpStatusCode).toBe(404);
    const raw = await fetch(`${emu.url}/data?tagging`, { method: 'PUT', body: '<Tagging><TagSet><Tag>', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x' } });
    expect(raw.status).toBe(400);
    expect(await raw.text()).toContain('<Code>MalformedXML</Code>');
  });

  it('answers NotImplemented (501), naming the operation, for operations not emulated', async () => {
    const raw = await fetch(`${emu.url}/data?analytics&id=x`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x' } });
    expect(raw.status).toBe(501);
    const text = await raw.text();
    expect(text).toContain('<Code>NotImplemented</Code>');
    expect(text).toContain('GetBucketAnalyticsConfiguration');
    expect(raw.headers.get('x-mlsec-unsupported-operation')).toBe('s3:GetBucketAnalyticsConfiguration');
  });

  it('accepts virtual-hosted-style requests (bucket.s3.localhost.localstack.cloud and bucket.localhost)', async () => {
    for (const host of ['s3.localhost.localstack.cloud', 'localhost']) {
      const vhost = new S3Client({ ...clientConfig(`http://${host}:${emu.port}`), forcePathStyle: false, requestHandler: loopback });
      await vhost.send(new PutObjectCommand({ Bucket: 'data', Key: `vhost-${host}.txt`, Body: host }));
      const got = await vhost.send(new GetObjectCommand({ Bucket: 'data', Key: `vhost-${host}.txt` }));
      expect(await got.Body!.transformToString()).toBe(host);
    }
  });

  it('routes S3 Control by its /v20180820/ prefix (account id in the host or the header)', async () => {
    const byHost = new S3ControlClient({ ...clientConfig(`http://localhost:${emu.port}`), requestHandler: loopback });
    const missing = await awsError(() => byHost.send(new GetPublicAccessBlockCommand({ AccountId: '000000000000' })));
    expect(missing.name).toBe('NoSuchPublicAccessBlockConfiguration');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const byEndpoint = new S3ControlClient({ ...clientConfig(emu.url), endpointProvider: () => ({ url: new URL(emu.url) }) });
    await byEndpoint.send(new PutPublicAccessBlockCommand({ AccountId: '000000000000', PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: false } }));
    expect(calls.at(-1)?.input).toEqual({ AccountId: '000000000000', PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: false } });
    const got = await byHost.send(new GetPublicAccessBlockCommand({ AccountId: '000000000000' }));
    expect(got.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, RestrictPublicBuckets: false });
  });
});
