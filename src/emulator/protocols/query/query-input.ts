/**
 * Decodes awsQuery / ec2 form parameters (`RoleName=x&Tags.member.1.Key=k`, `Filter.1.Name=…`)
 * into typed input following the input shape — the inverse of the SDK's QueryShapeSerializer.
 * Every problem (missing required member, unparsable number …) is collected into one error.
 */
import { type InputProblem, InputValidationError, missing, pathSegment } from '../../core/validation.ts';
import type { Member, Shape, StructureShape } from '../../schema/shapes.ts';
import { INVALID, parseBase64, parseBoolean, parseNumber, parseTimestamp } from '../values.ts';

export interface QueryDecodeOptions {
  /** EC2 flavour: capitalised names or ec2QueryName, lists always flattened. */
  readonly ec2: boolean;
}

class Decoder {
  private prefixes: Set<string> | undefined;
  readonly problems: InputProblem[] = [];
  private readonly params: ReadonlyMap<string, string>;
  private readonly ec2: boolean;

  constructor(params: ReadonlyMap<string, string>, options: QueryDecodeOptions) {
    this.params = params;
    this.ec2 = options.ec2;
  }

  /** Whether any parameter starts with `key.` or equals `key`. */
  private present(key: string): boolean {
    if (this.params.has(key)) return true;
    if (!this.prefixes) {
      this.prefixes = new Set();
      for (const k of this.params.keys()) {
        let i = k.indexOf('.');
        while (i !== -1) {
          this.prefixes.add(k.slice(0, i));
          i = k.indexOf('.', i + 1);
        }
      }
    }
    return this.prefixes.has(key);
  }

  memberKey(member: Member): string {
    const t = member.traits;
    if (this.ec2) {
      if (t.ec2QueryName) return t.ec2QueryName;
      const base = t.xmlName ?? member.name;
      return base[0]!.toUpperCase() + base.slice(1);
    }
    return t.xmlName ?? member.name;
  }

  structure(shape: StructureShape, prefix: string, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const member of shape.members) {
      const key = prefix + this.memberKey(member);
      const memberPath = path + pathSegment(member.name);
      const value = this.value(member, member.shape, key, memberPath);
      if (value !== undefined) out[member.name] = value;
      else if (member.required) this.problems.push(missing(memberPath, key));
    }
    return out;
  }

  private value(member: Member, shape: Shape, key: string, path: string): unknown {
    switch (shape.type) {
      case 'structure':
        return this.present(key) ? this.structure(shape, `${key}.`, `${path}.`) : undefined;
      case 'list':
        return this.list(member, shape.member, key, path);
      case 'map':
        return this.map(member, shape.key, shape.value, key, path);
      default: {
        const text = this.params.get(key);
        return text === undefined ? undefined : this.scalar(shape, text, key, path);
      }
    }
  }

  private scalar(shape: Shape, text: string, key: string, path: string): unknown {
    let parsed: unknown;
    let expected = '';
    switch (shape.type) {
      case 'string': return text;
      case 'number': parsed = parseNumber(text); expected = 'a number'; break;
      case 'boolean': parsed = parseBoolean(text); expected = 'a boolean (true or false)'; break;
      case 'timestamp': parsed = parseTimestamp(text); expected = 'a timestamp'; break;
      case 'blob': parsed = parseBase64(text); expected = 'base64-encoded'; break;
      default: return text;
    }
    if (parsed === INVALID) {
      this.problems.push({ path, kind: 'type', value: text, constraint: `Member must be ${expected}`, wireName: key });
      return undefined;
    }
    return parsed;
  }

  private list(member: Member, item: Member, key: string, path: string): unknown[] | undefined {
    // An empty list travels as `Key=` (SDK's serializeEmptyLists).
    if (this.params.get(key) === '') return [];
    const flat = this.ec2 || member.traits.xmlFlattened;
    const itemPrefix = flat ? `${key}.` : `${key}.${item.traits.xmlName ?? 'member'}.`;
    if (!this.present(flat ? key : `${key}.${item.traits.xmlName ?? 'member'}`)) return undefined;
    const out: unknown[] = [];
    for (let i = 1; ; i++) {
      const itemKey = itemPrefix + i;
      if (!this.present(itemKey)) break;
      const v = this.value(item, item.shape, itemKey, `${path}.${i}.member`);
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  private map(member: Member, keyMember: Member, valueMember: Member, key: string, path: string): Record<string, unknown> | undefined {
    const flat = this.ec2 || member.traits.xmlFlattened;
    const entryPrefix = flat ? `${key}.` : `${key}.entry.`;
    if (!this.present(flat ? key : `${key}.entry`)) return undefined;
    const keyName = keyMember.traits.xmlName ?? 'key';
    const valueName = valueMember.traits.xmlName ?? 'value';
    const out: Record<string, unknown> = Object.create(null);
    for (let i = 1; ; i++) {
      const entryKey = entryPrefix + i;
      if (!this.present(entryKey)) break;
      const k = this.params.get(`${entryKey}.${keyName}`);
      if (k === undefined) {
        this.problems.push(missing(`${path}.${i}.key`, `${entryKey}.${keyName}`));
        continue;
      }
      const v = this.value(valueMember, valueMember.shape, `${entryKey}.${valueName}`, `${path}.${i}.value`);
      if (v !== undefined) out[k] = v;
    }
    return { ...out };
  }
}

/** Decodes parameters into input for `shape`; throws InputValidationError listing every problem. */
export function decodeQueryInput(params: ReadonlyMap<string, string>, shape: StructureShape, options: QueryDecodeOptions): Record<string, unknown> {
  const decoder = new Decoder(params, options);
  const input = decoder.structure(shape, '', '');
  if (decoder.problems.length) throw new InputValidationError(decoder.problems);
  return input;
}

/** Form parameters of a query request: the urlencoded body of a POST, or the URL query of a GET. */
export function formParameters(body: Buffer, query: ReadonlyMap<string, string[]>): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of query) if (v.length) params.set(k, v[0]!);
  if (body.length) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  }
  return params;
}
