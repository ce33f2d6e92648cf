/**
 * Serializes typed output to XML following the model's XML traits (xmlName, xmlFlattened,
 * xmlAttribute, xmlNamespace). Shared by awsQuery, ec2 and restXml responses; members bound to
 * HTTP headers or the status code are skipped (restXml writes those elsewhere).
 */
import type { Member, Shape, StructureShape, TimestampFormat } from '../../schema/shapes.ts';
import { formatTimestamp, toBytes } from '../values.ts';
import { escapeAttribute, escapeText } from './xml-writer.ts';

function isBodyMember(member: Member): boolean {
  const t = member.traits;
  return !(t.httpHeader || t.httpPrefixHeaders || t.httpResponseCode || t.httpQuery || t.httpLabel || t.httpQueryParams);
}

function scalarText(shape: Shape, value: unknown, defaultFormat: TimestampFormat): string | undefined {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'number':
      return typeof value === 'number' || typeof value === 'bigint' ? String(value) : String(Number(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'timestamp': {
      const text = formatTimestamp(value, shape.format ?? defaultFormat);
      return text === undefined ? undefined : String(text);
    }
    case 'blob': {
      const bytes = toBytes(value);
      return bytes ? bytes.toString('base64') : undefined;
    }
    case 'document':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return undefined;
  }
}

export class XmlShapeWriter {
  private readonly defaultFormat: TimestampFormat;

  constructor(defaultTimestampFormat: TimestampFormat = 5) {
    this.defaultFormat = defaultTimestampFormat;
  }

  /** The children of a structure (no enclosing element). */
  members(shape: StructureShape, value: Record<string, unknown>): string {
    let out = '';
    for (const member of shape.members) {
      if (member.traits.xmlAttribute || !isBodyMember(member)) continue;
      const v = value[member.name];
      if (v === undefined || v === null) continue;
      out += this.member(member, v);
    }
    return out;
  }

  /** A structure as an element named `name`, with its attribute members and namespace. */
  structure(name: string, shape: StructureShape, value: Record<string, unknown>, extraAttributes = ''): string {
    let attrs = extraAttributes;
    if (shape.xmlNamespace) {
      const ns = shape.xmlNamespace;
      attrs += ns.prefix ? ` xmlns:${ns.prefix}="${escapeAttribute(ns.uri)}"` : ` xmlns="${escapeAttribute(ns.uri)}"`;
    }
    for (const member of shape.members) {
      if (!member.traits.xmlAttribute) continue;
      const v = value[member.name];
      if (v === undefined || v === null) continue;
      const text = scalarText(member.shape, v, this.defaultFormat);
      if (text !== undefined) attrs += ` ${member.traits.xmlName ?? member.name}="${escapeAttribute(text)}"`;
    }
    return `<${name}${attrs}>${this.members(shape, value)}</${name}>`;
  }

  /** One member of a structure: its element(s), by the member's xmlName. */
  member(member: Member, value: unknown): string {
    const name = member.traits.xmlName ?? member.name;
    const shape = member.shape;
    if (shape.type === 'list') return this.list(name, member, value);
    if (shape.type === 'map') return this.map(name, member, value);
    return this.value(name, shape, value, member.traits.xmlNamespace);
  }

  /** A value as an element named `name`. */
  value(name: string, shape: Shape, value: unknown, namespace?: { prefix: string | undefined; uri: string }): string {
    if (shape.type === 'structure') {
      if (typeof value !== 'object' || value === null) return '';
      const nsAttr = namespace ? (namespace.prefix ? ` xmlns:${namespace.prefix}="${escapeAttribute(namespace.uri)}"` : ` xmlns="${escapeAttribute(namespace.uri)}"`) : '';
      return this.structure(name, shape, value as Record<string, unknown>, nsAttr);
    }
    if (shape.type === 'list' || shape.type === 'map') {
      const pseudo: Member = { name, shape, required: false, traits: {} };
      return shape.type === 'list' ? this.list(name, pseudo, value) : this.map(name, pseudo, value);
    }
    const text = scalarText(shape, value, this.defaultFormat);
    if (text === undefined) return '';
    return `<${name}>${escapeText(text)}</${name}>`;
  }

  private list(name: string, member: Member, value: unknown): string {
    if (member.shape.type !== 'list' || !Array.isArray(value)) return '';
    const item = member.shape.member;
    if (member.traits.xmlFlattened) {
      let out = '';
      for (const v of value) if (v !== undefined && v !== null) out += this.itemValue(name, item, v);
      return out;
    }
    const itemName = item.traits.xmlName ?? 'member';
    let inner = '';
    for (const v of value) if (v !== undefined && v !== null) inner += this.itemValue(itemName, item, v);
    return `<${name}>${inner}</${name}>`;
  }

  private itemValue(name: string, item: Member, v: unknown): string {
    if (item.shape.type === 'list' || item.shape.type === 'map') {
      const nested = this.value(name, item.shape, v);
      return nested;
    }
    return this.value(name, item.shape, v, item.traits.xmlNamespace);
  }

  private map(name: string, member: Member, value: unknown): string {
    if (member.shape.type !== 'map' || typeof value !== 'object' || value === null) return '';
    const { key, value: valueMember } = member.shape;
    const keyName = key.traits.xmlName ?? 'key';
    const valueName = valueMember.traits.xmlName ?? 'value';
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    let out = '';
    for (const [k, v] of entries) {
      if (v === undefined || v === null) continue;
      const entry = `<${keyName}>${escapeText(String(k))}</${keyName}>${this.value(valueName, valueMember.shape, v)}`;
      out += member.traits.xmlFlattened ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
    }
    return member.traits.xmlFlattened ? out : `<${name}>${out}</${name}>`;
  }
}
