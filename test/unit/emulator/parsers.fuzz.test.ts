/**
 * Property tests of every request parser: AWS's own serializers (from the SDK) produce random
 * valid inputs that our parsers must read back exactly, and arbitrary junk must only ever yield
 * AWS errors — never another exception.
 */
import { QueryShapeSerializer, XmlShapeSerializer } from '@aws-sdk/core/protocols';
import { JsonCodec2 } from '@smithy/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked } from '../../../src/emulator/auth/aws-chunked.ts';
import { readSignature } from '../../../src/emulator/auth/sigv4.ts';
import { AwsServiceError } from '../../../src/emulator/core/errors.ts';
import { decodeJsonInput } from '../../../src/emulator/protocols/json/json-codec.ts';
import { decodeQueryInput, formParameters } from '../../../src/emulator/protocols/query/query-input.ts';
import { decodeBoundInput } from '../../../src/emulator/protocols/rest-xml/http-bindings.ts';
import { parseXml, XmlSyntaxError } from '../../../src/emulator/protocols/xml/xml-reader.ts';
import { XmlShapeReader } from '../../../src/emulator/protocols/xml/xml-shape-reader.ts';
import { compileOperation } from '../../../src/emulator/schema/compile.ts';
import type { StructureShape } from '../../../src/emulator/schema/shapes.ts';
import { normalise, structureFor } from './shape-arbitraries.ts';

type Module = Record<string, unknown>;
const load = async (name: string) => (await import(name)) as Module;

function operations(module: Module): string[] {
  return Object.keys(module).filter((k) => k.endsWith('$') && Array.isArray(module[k]) && (module[k] as unknown[])[0] === 9).map((k) => k.slice(0, -1));
}

function inputSchema(module: Module, op: string): unknown {
  const ref = (module[`${op}$`] as unknown[])[4];
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

function expectOnlyAwsErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
  }
}

describe('query parser (awsQuery and ec2) reads what the SDK writes', () => {
  for (const [pkg, ec2] of [['@aws-sdk/client-iam', false], ['@aws-sdk/client-sts', false], ['@aws-sdk/client-ec2', true]] as const) {
    it(`round-trips random inputs of every ${pkg.split('-').pop()} operation`, async () => {
      const module = await load(pkg);
      const ops = operations(module);
      const sample = fc.constantFrom(...ops).chain((op) => {
        const shape = compileOperation(module[`${op}$`]).input;
        return structureFor(shape, 3, { nonEmptyLists: ec2 })!.map((value) => ({ op, value }));
      });
      fc.assert(
        fc.property(sample, ({ op, value }) => {
          const shape = compileOperation(module[`${op}$`]).input;
          const serializer = new QueryShapeSerializer({ timestampFormat: { useTrait: true, default: 5 }, httpBindings: false, serializeEmptyLists: !ec2, ...(ec2 ? { capitalizeKeys: true, flattenLists: true, ec2: true } : {}) } as never);
          serializer.write(inputSchema(module, op) as never, value);
          const body = Buffer.from(`Action=${op}&Version=1${serializer.flush()}`);
          const parsed = decodeQueryInput(formParameters(body, new Map()), shape, { ec2 });
          expect(normalise(parsed), op).toEqual(normalise(value));
        }),
        { numRuns: 300, endOnFailure: true },
      );
    });
  }

  it('answers only AWS errors for arbitrary form bodies', async () => {
    const module = await load('@aws-sdk/client-iam');
    const shape = compileOperation(module.CreateRole$).input;
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (body) => expectOnlyAwsErrors(() => decodeQueryInput(formParameters(Buffer.from(body), new Map()), shape, { ec2: false }))), { numRuns: 500 });
  });
});

describe('JSON parser reads what the SDK writes', () => {
  for (const pkg of ['@aws-sdk/client-secrets-manager', '@aws-sdk/client-kms']) {
    it(`round-trips random inputs of every ${pkg.split('-').pop()} operation`, async () => {
      const module = await load(pkg);
      const sample = fc.constantFrom(...operations(module)).chain((op) => {
        const shape = compileOperation(module[`${op}$`]).input;
        return structureFor(shape, 3, {})!.map((value) => ({ op, value }));
      });
      fc.assert(
        fc.property(sample, ({ op, value }) => {
          const shape = compileOperation(module[`${op}$`]).input;
          const serializer = new JsonCodec2({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false }).createSerializer();
          serializer.write(inputSchema(module, op) as never, value);
          const parsed = decodeJsonInput(Buffer.from(String(serializer.flush())), shape);
          expect(normalise(parsed), op).toEqual(normalise(value));
        }),
        { numRuns: 300, endOnFailure: true },
      );
    });
  }

  it('answers only AWS errors for arbitrary bodies', async () => {
    const module = await load('@aws-sdk/client-secrets-manager');
    const shape = compileOperation(module.ListSecrets$).input;
    const bodies = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)));
    fc.assert(fc.property(bodies, (body) => expectOnlyAwsErrors(() => decodeJsonInput(Buffer.from(body), shape))), { numRuns: 1000 });
  });
});

describe('XML parsers', () => {
  it('read the payloads the SDK writes for S3 configurations', async () => {
    const module = await load('@aws-sdk/client-s3');
    const payloadOps = operations(module).filter((op) => {
      const input = compileOperation(module[`${op}$`]).input;
      return input.members.some((m) => m.traits.httpPayload && m.shape.type === 'structure');
    });
    expect(payloadOps.length).toBeGreaterThan(20);
    const sample = fc.constantFrom(...payloadOps).chain((op) => {
      const input = compileOperation(module[`${op}$`]).input;
      const member = input.members.find((m) => m.traits.httpPayload)!;
      return structureFor(member.shape as StructureShape, 4, { nonEmptyLists: true })!.map((value) => ({ op, value }));
    });
    fc.assert(
      fc.property(sample, ({ op, value }) => {
        const member = compileOperation(module[`${op}$`]).input.members.find((m) => m.traits.httpPayload)!;
        const ns = NormalizedSchema.of(inputSchema(module, op) as never).getMemberSchema(member.name);
        const serializer = new XmlShapeSerializer({ timestampFormat: { useTrait: true, default: 5 }, httpBindings: true, xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/', serviceNamespace: 'com.amazonaws.s3' } as never);
        serializer.write(ns, value);
        const xml = String(serializer.flush());
        const reader = new XmlShapeReader();
        const parsed = reader.value(member.shape, parseXml(xml), '');
        expect(reader.problems, `${op}: ${xml}`).toEqual([]);
        expect(normalise(parsed), `${op}: ${xml}`).toEqual(normalise(value));
      }),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('the XML reader throws only XmlSyntaxError on arbitrary text', () => {
    const fragments = fc.constantFrom('<', '>', '</', '/>', '<a>', '</a>', '<b x="1">', '&amp;', '&bogus;', '&#x41;', '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY e "x">]>', 'text', '"', "'", '=');
    const docs = fc.oneof(fc.string({ maxLength: 100 }), fc.array(fragments, { maxLength: 20 }).map((a) => a.join('')));
    fc.assert(
      fc.property(docs, (doc) => {
        try {
          parseXml(doc);
        } catch (error) {
          if (!(error instanceof XmlSyntaxError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('restXml bindings answer only AWS errors for arbitrary bodies, headers and query strings', async () => {
    const module = await load('@aws-sdk/client-s3');
    const shapes = ['PutBucketTagging', 'PutBucketLifecycleConfiguration', 'PutObject', 'ListObjectsV2', 'DeleteObjects', 'PutBucketAcl'].map((op) => compileOperation(module[`${op}$`]).input);
    const input = fc.record({
      shape: fc.constantFrom(...shapes),
      body: fc.oneof(fc.string({ maxLength: 120 }), fc.constant('<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>')),
      header: fc.dictionary(fc.constantFrom('x-amz-acl', 'content-length', 'x-amz-object-lock-retain-until-date', 'x-amz-meta-a', 'x-amz-expected-bucket-owner'), fc.string({ maxLength: 20 })),
      query: fc.dictionary(fc.constantFrom('max-keys', 'prefix', 'continuation-token', 'fetch-owner', 'x'), fc.string({ maxLength: 20 })),
    });
    fc.assert(
      fc.property(input, ({ shape, body, header, query }) => {
        expectOnlyAwsErrors(() => decodeBoundInput(shape, { labels: { Bucket: 'b', Key: 'k' }, headers: header, query: new Map(Object.entries(query).map(([k, v]) => [k, [v]])), body: Buffer.from(body) }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('transport parsers', () => {
  it('aws-chunked decoding answers only AWS errors', () => {
    const chunked = fc.oneof(
      fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)),
      fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.boolean()), { maxLength: 4 }).map((chunks) =>
        Buffer.from(chunks.map(([data, lie]) => `${(data.length + (lie ? 3 : 0)).toString(16)}\r\n${data}\r\n`).join('') + '0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
      ),
    );
    fc.assert(fc.property(chunked, (body) => expectOnlyAwsErrors(() => decodeAwsChunked(body))), { numRuns: 1000 });
  });

  it('reading a signature never throws, whatever the headers say', () => {
    const headers = fc.record({ authorization: fc.option(fc.oneof(fc.string(), fc.constant('AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=x'), fc.string().map((s) => `AWS4-HMAC-SHA256 ${s}`), fc.string().map((s) => `AWS ${s}`)), { nil: undefined }) });
    const query = fc.dictionary(fc.constantFrom('X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Expires', 'AWSAccessKeyId'), fc.string());
    fc.assert(
      fc.property(headers, query, (h, q) => {
        readSignature({ method: 'GET', path: '/', rawQuery: '', query: new Map(Object.entries(q).map(([k, v]) => [k, [v]])), headers: h, body: Buffer.alloc(0), host: '' });
      }),
      { numRuns: 1000 },
    );
  });
});
