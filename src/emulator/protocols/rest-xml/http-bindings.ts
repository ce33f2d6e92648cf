/**
 * restXml HTTP bindings, both directions: input members from path labels, query, headers and the
 * payload; output members to status, headers and the payload.
 */
import { AwsServiceError } from '../../core/errors.ts';
import { type InputProblem, missing, pathSegment } from '../../core/validation.ts';
import type { Member, Shape, StructureShape, TimestampFormat } from '../../schema/shapes.ts';
import { formatTimestamp, INVALID, parseBase64, parseBoolean, parseNumber, parseTimestamp, toBytes } from '../values.ts';
import { parseXml, XmlSyntaxError } from '../xml/xml-reader.ts';
import { XmlShapeReader } from '../xml/xml-shape-reader.ts';
import type { XmlShapeWriter } from '../xml/xml-shape-writer.ts';
import { escapeAttribute, escapeText, XML_DECLARATION } from '../xml/xml-writer.ts';

export const MALFORMED_XML_MESSAGE = 'The XML you provided was not well-formed or did not validate against our published schema';

function scalarFromText(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'string': return text;
    case 'number': return parseNumber(text.trim());
    case 'boolean': return parseBoolean(text.trim());
    case 'timestamp': return parseTimestamp(text);
    case 'blob': return parseBase64(text);
    default: return text;
  }
}

export interface BindingSource {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: ReadonlyMap<string, string[]>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

export interface DecodedInput {
  readonly input: Record<string, unknown>;
  readonly problems: InputProblem[];
  /** Problems found inside the XML body (S3 answers those with MalformedXML). */
  readonly bodyProblems: InputProblem[];
}

function parseBody(body: Buffer): ReturnType<typeof parseXml> {
  try {
    return parseXml(body.toString('utf8'));
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new AwsServiceError('MalformedXML', MALFORMED_XML_MESSAGE, { status: 400 });
    throw error;
  }
}

export function decodeBoundInput(shape: StructureShape, source: BindingSource): DecodedInput {
  const input: Record<string, unknown> = {};
  const problems: InputProblem[] = [];
  const reader = new XmlShapeReader();
  const bodyMembers: Member[] = [];

  const convert = (member: Member, text: string, wireName: string): unknown => {
    const shape = member.shape;
    if (shape.type === 'list') {
      const items = text.split(',').map((s) => s.trim()).filter(Boolean);
      return items.map((s) => scalarFromText(shape.member.shape, s));
    }
    const value = scalarFromText(shape, text);
    if (value === INVALID) {
      problems.push({ path: pathSegment(member.name), kind: 'type', value: text, constraint: `Member must be a valid ${shape.type}`, wireName });
      return undefined;
    }
    return value;
  };

  for (const member of shape.members) {
    const t = member.traits;
    let value: unknown;
    if (t.httpLabel && source.labels[member.name] !== undefined) {
      value = convert(member, source.labels[member.name]!, member.name);
    } else if (t.httpHeader) {
      const text = source.headers[t.httpHeader.toLowerCase()];
      if (text !== undefined) value = convert(member, text, t.httpHeader);
    } else if (t.httpPrefixHeaders !== undefined) {
      const prefix = t.httpPrefixHeaders.toLowerCase();
      const map: Record<string, string> = {};
      let any = false;
      for (const [name, v] of Object.entries(source.headers)) {
        if (v !== undefined && name.startsWith(prefix)) {
          map[name.slice(prefix.length)] = v;
          any = true;
        }
      }
      if (any) value = map;
    } else if (t.httpQuery) {
      const values = source.query.get(t.httpQuery);
      if (values?.length) {
        if (member.shape.type === 'list') {
          const item = member.shape.member.shape;
          value = values.map((v) => scalarFromText(item, v));
        } else {
          value = convert(member, values[0]!, t.httpQuery);
        }
      }
    } else if (t.httpQueryParams) {
      const map: Record<string, string> = {};
      for (const [k, v] of source.query) if (v.length) map[k] = v[0]!;
      value = map;
    } else if (t.httpPayload) {
      value = decodePayload(member, source.body, reader);
    } else if (!t.httpLabel && !t.hostLabel) {
      bodyMembers.push(member);
      continue;
    }
    if (value !== undefined) input[member.name] = value;
    else if (member.required) problems.push(missing(pathSegment(member.name), t.httpHeader ?? t.httpQuery ?? member.name));
  }

  if (bodyMembers.length && source.body.length) {
    const root = parseBody(source.body);
    const partial: StructureShape = { ...shape, members: bodyMembers, byName: {}, required: bodyMembers.filter((m) => m.required).map((m) => m.name) };
    Object.assign(input, reader.structure(partial, root, ''));
  } else {
    for (const m of bodyMembers) if (m.required) reader.problems.push(missing(pathSegment(m.name), m.name));
  }
  return { input, problems, bodyProblems: reader.problems };
}

function decodePayload(member: Member, body: Buffer, reader: XmlShapeReader): unknown {
  const shape = member.shape;
  if (shape.type === 'blob') return body;
  if (shape.type === 'string') return body.length ? body.toString('utf8') : undefined;
  if (!body.length || body.toString('utf8').trim() === '') return undefined;
  const root = parseBody(body);
  const expected = member.traits.xmlName ?? (shape.type === 'structure' ? shape.xmlName ?? shape.name : member.name);
  if (root.name !== expected) throw new AwsServiceError('MalformedXML', MALFORMED_XML_MESSAGE, { status: 400 });
  return reader.value(shape, root, pathSegment(member.name));
}

function headerText(shape: Shape, value: unknown): string | undefined {
  switch (shape.type) {
    case 'timestamp': {
      const text = formatTimestamp(value, shape.format ?? 6);
      return text === undefined ? undefined : String(text);
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => headerText(shape.member.shape, v) ?? '').join(', ') : undefined;
    case 'blob':
      return toBytes(value)?.toString('base64');
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

export interface EncodedOutput {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export function encodeBoundOutput(
  shape: StructureShape,
  value: Record<string, unknown>,
  defaultStatus: number,
  writer: XmlShapeWriter,
  xmlNamespace: string | undefined,
): EncodedOutput {
  const headers: Record<string, string> = {};
  let status = defaultStatus;
  let body: string | Buffer = '';
  let payloadWritten = false;
  let hasBodyMembers = false;
  const nsAttr = xmlNamespace ? ` xmlns="${escapeAttribute(xmlNamespace)}"` : '';
  for (const member of shape.members) {
    const t = member.traits;
    const v = value[member.name];
    if (t.httpHeader) {
      if (v === undefined || v === null) continue;
      const text = headerText(member.shape, v);
      if (text !== undefined) headers[t.httpHeader.toLowerCase()] = text;
    } else if (t.httpPrefixHeaders !== undefined) {
      if (v && typeof v === 'object') {
        for (const [k, hv] of Object.entries(v as Record<string, unknown>)) {
          if (hv !== undefined && hv !== null) headers[`${t.httpPrefixHeaders}${k}`.toLowerCase()] = String(hv);
        }
      }
    } else if (t.httpResponseCode) {
      if (typeof v === 'number') status = v;
    } else if (t.httpPayload) {
      payloadWritten = true;
      if (v === undefined || v === null) continue;
      const s = member.shape;
      if (s.type === 'blob') body = toBytes(v) ?? Buffer.alloc(0);
      else if (s.type === 'string') body = String(v);
      else if (s.type === 'structure') {
        const root = t.xmlName ?? s.xmlName ?? s.name;
        body = XML_DECLARATION + writer.structure(root, s, v as Record<string, unknown>, nsAttr);
      }
    } else if (v !== undefined && v !== null) {
      hasBodyMembers = true;
    }
  }
  const textRoot = textRootMember(shape);
  if (textRoot) {
    // S3's GetBucketLocation answers <LocationConstraint>eu-west-1</LocationConstraint>: the output's
    // only member is the root element's text, which botocore reads as such.
    const text = value[textRoot.name];
    body = `${XML_DECLARATION}<${shape.xmlName}${nsAttr}>${text === undefined || text === null ? '' : escapeText(String(text))}</${shape.xmlName}>`;
  } else if (!payloadWritten && hasBodyMembers) {
    body = XML_DECLARATION + writer.structure(shape.xmlName ?? shape.name, shape, value, nsAttr);
  }
  return { status, headers, body };
}

/** The member that is the whole body's text: a structure whose single string member has the structure's xmlName. */
function textRootMember(shape: StructureShape): Member | undefined {
  if (shape.members.length !== 1 || !shape.xmlName) return undefined;
  const only = shape.members[0]!;
  return only.name === shape.xmlName && only.shape.type === 'string' && !only.traits.xmlName && !only.traits.httpHeader ? only : undefined;
}

/** Default timestamp format of XML bodies. */
export const REST_XML_TIMESTAMP_FORMAT: TimestampFormat = 5;
