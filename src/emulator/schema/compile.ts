/**
 * Compiles the static schemas shipped inside `@aws-sdk/client-*` (`dist-es/schemas/schemas_0.js`,
 * re-exported from each client's index as `<Name>$`) into the plain shape objects of `shapes.ts`.
 *
 * Static schema layout (Smithy's JS codegen; @smithy/core/schema's NormalizedSchema reads the same):
 *   simple   number: 0 string, 1 number, 2 boolean, 4–7 timestamp, 15 document, 17/19 big number,
 *            21 blob, 42 streaming blob, 64|x list of x, 128|x map of string → x; 'unit'
 *   wrapper  [0, ns, name, traits, target]
 *   list     [1, ns, name, traits, member]
 *   map      [2, ns, name, traits, key, value]
 *   struct   [3 | -3 (error) | 4 (union), ns, name, traits, memberNames, memberSchemas, requiredCount?]
 *   op       [9, ns, name, traits, input, output]
 *   member   [target, traits] (a 2-element array); refs may be thunks `() => X$`.
 * Traits are a bit field (see TRAIT_BITS) or an object keyed by trait name.
 */
import type {
  ErrorTraits,
  HttpTrait,
  ListShape,
  MapShape,
  Member,
  MemberTraits,
  OperationShape,
  Shape,
  StructureShape,
  TimestampFormat,
  XmlNamespace,
} from './shapes.ts';
import { EMPTY_STRUCTURE } from './shapes.ts';

type Ref = unknown;
type Traits = Record<string, unknown>;

const simpleCache = new Map<number, Shape>();
/** Compiled named shapes, keyed by the static schema array itself (shared by all operations). */
const compiled = new WeakMap<object, Shape>();

function deref(ref: Ref): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

function isMemberRef(ref: unknown): ref is [Ref, unknown] {
  return Array.isArray(ref) && ref.length === 2;
}

/** Bit positions of traits packed into a number (as @smithy/core/schema's translateTraits reads them). */
const TRAIT_BITS = ['httpLabel', 'idempotent', 'idempotencyToken', 'sensitive', 'httpPayload', 'httpResponseCode', 'httpQueryParams'];

function traitsOf(indicator: unknown): Traits {
  if (indicator === undefined || indicator === null || indicator === 0) return {};
  if (typeof indicator === 'object') return indicator as Traits;
  const bits = Number(indicator) | 0;
  const traits: Traits = {};
  TRAIT_BITS.forEach((name, i) => {
    if ((bits >> i) & 1) traits[name] = 1;
  });
  return traits;
}

function simpleShape(code: number): Shape {
  let shape = simpleCache.get(code);
  if (shape) return shape;
  if (code >= 64 && code < 128) {
    const list: ListShape = { type: 'list', name: 'List', member: undefined as unknown as Member };
    list.member = { name: 'member', shape: simpleShape(code & 0b0011_1111), required: false, traits: {} };
    shape = list;
  } else if (code >= 128 && code <= 255) {
    const map: MapShape = { type: 'map', name: 'Map', key: undefined as unknown as Member, value: undefined as unknown as Member };
    map.key = { name: 'key', shape: simpleShape(0), required: false, traits: {} };
    map.value = { name: 'value', shape: simpleShape(code & 0b0011_1111), required: false, traits: {} };
    shape = map;
  } else {
    switch (code) {
      case 0: shape = { type: 'string' }; break;
      case 1: case 17: case 19: shape = { type: 'number' }; break;
      case 2: shape = { type: 'boolean' }; break;
      case 4: shape = { type: 'timestamp', format: undefined }; break;
      case 5: case 6: case 7: shape = { type: 'timestamp', format: code as TimestampFormat }; break;
      case 15: shape = { type: 'document' }; break;
      case 21: shape = { type: 'blob', streaming: false }; break;
      case 42: shape = { type: 'blob', streaming: true }; break;
      default: throw new Error(`emulator schema: unknown simple schema code ${code}`);
    }
  }
  simpleCache.set(code, shape);
  return shape;
}

function xmlNamespaceOf(value: unknown): XmlNamespace | undefined {
  if (Array.isArray(value)) return { prefix: value[0] as string | undefined, uri: String(value[1]) };
  if (typeof value === 'string') return { prefix: undefined, uri: value };
  return undefined;
}

/** Keeps only the traits the wire cares about, in the typed form codecs read. */
function memberTraitsOf(raw: Traits): MemberTraits {
  const t: MemberTraits = {};
  if (raw.xmlName !== undefined) t.xmlName = String(raw.xmlName);
  if (raw.xmlFlattened) t.xmlFlattened = true;
  if (raw.xmlAttribute) t.xmlAttribute = true;
  if (raw.xmlNamespace !== undefined) t.xmlNamespace = xmlNamespaceOf(raw.xmlNamespace);
  if (raw.ec2QueryName !== undefined) t.ec2QueryName = String(raw.ec2QueryName);
  if (raw.jsonName !== undefined) t.jsonName = String(raw.jsonName);
  if (raw.httpHeader !== undefined) t.httpHeader = String(raw.httpHeader);
  if (raw.httpQuery !== undefined) t.httpQuery = String(raw.httpQuery);
  if (raw.httpLabel) t.httpLabel = true;
  if (raw.httpPayload) t.httpPayload = true;
  if (raw.httpPrefixHeaders !== undefined) t.httpPrefixHeaders = String(raw.httpPrefixHeaders);
  if (raw.httpQueryParams) t.httpQueryParams = true;
  if (raw.httpResponseCode) t.httpResponseCode = true;
  if (raw.hostLabel) t.hostLabel = true;
  if (raw.idempotencyToken) t.idempotencyToken = true;
  if (raw.sensitive) t.sensitive = true;
  if (raw.mediaType !== undefined) t.mediaType = String(raw.mediaType);
  return t;
}

/** Resolves a (possibly member-wrapped) reference to its shape and the traits it carries. */
function resolve(ref: Ref): { shape: Shape; traits: Traits } {
  let traits: Traits = {};
  let target = deref(ref);
  // Member wrappers can nest ([[target, t1], t2]); outer traits win.
  const stack: Traits[] = [];
  while (isMemberRef(target)) {
    stack.push(traitsOf(target[1]));
    target = deref(target[0]);
  }
  for (let i = stack.length - 1; i >= 0; i--) traits = { ...traits, ...stack[i] };
  // A simple shape wrapped with traits ([0, ns, 'SecretStringType', 8, 0]) marks every member that
  // targets it as sensitive; the wrapper itself compiles to the plain inner shape.
  if (isTraitWrapper(target) && !('sensitive' in traits) && ownTraits(target).sensitive) traits = { ...traits, sensitive: 1 };
  return { shape: compileShape(target), traits };
}

function isTraitWrapper(target: unknown): boolean {
  return Array.isArray(target) && target.length >= 5 && target[0] === 0;
}

/** Traits a named target shape carries for its members (e.g. sensitive, xmlName on structures). */
function ownTraits(target: unknown): Traits {
  if (Array.isArray(target) && target.length >= 5) return traitsOf(target[3]);
  return {};
}

export function compileShape(schema: unknown): Shape {
  const target = deref(schema);
  if (typeof target === 'number') return simpleShape(target);
  if (target === 'unit' || target === undefined) return EMPTY_STRUCTURE;
  if (!Array.isArray(target)) throw new Error(`emulator schema: cannot compile ${String(target)}`);
  const existing = compiled.get(target);
  if (existing) return existing;
  const kind = target[0] as number;
  const name = String(target[2]);
  const traits = traitsOf(target[3]);
  switch (kind) {
    case 0: {
      // A simple shape with traits (e.g. a sensitive string); its type is the wrapped target.
      const inner = compileShape(target[4]);
      compiled.set(target, inner);
      return inner;
    }
    case 1: {
      const list: ListShape = { type: 'list', name, member: undefined as unknown as Member };
      compiled.set(target, list);
      const { shape, traits: mt } = resolve(target[4]);
      list.member = { name: 'member', shape, required: false, traits: memberTraitsOf({ ...ownTraits(deref(target[4])), ...mt }) };
      return list;
    }
    case 2: {
      const map: MapShape = { type: 'map', name, key: undefined as unknown as Member, value: undefined as unknown as Member };
      compiled.set(target, map);
      const key = resolve(target[4]);
      const value = resolve(target[5]);
      map.key = { name: 'key', shape: key.shape, required: false, traits: memberTraitsOf(key.traits) };
      map.value = { name: 'value', shape: value.shape, required: false, traits: memberTraitsOf(value.traits) };
      return map;
    }
    case 3:
    case -3:
    case 4: {
      const struct: StructureShape = {
        type: 'structure',
        name,
        union: kind === 4,
        members: [],
        byName: {},
        required: [],
        xmlName: traits.xmlName !== undefined ? String(traits.xmlName) : undefined,
        xmlNamespace: xmlNamespaceOf(traits.xmlNamespace),
        error: kind === -3 ? errorTraitsOf(traits) : undefined,
      };
      compiled.set(target, struct);
      const names = (target[4] ?? []) as string[];
      const refs = (target[5] ?? []) as Ref[];
      const requiredCount = typeof target[6] === 'number' ? (target[6] as number) : 0;
      names.forEach((memberName, i) => {
        const { shape, traits: mt } = resolve(refs[i]);
        const member: Member = {
          name: memberName,
          shape,
          required: i < requiredCount,
          traits: memberTraitsOf(mt),
        };
        struct.members.push(member);
        struct.byName[memberName] = member;
        if (member.required) struct.required.push(memberName);
      });
      return struct;
    }
    default:
      throw new Error(`emulator schema: unexpected schema kind ${kind} for ${name}`);
  }
}

function errorTraitsOf(traits: Traits): ErrorTraits {
  const query = traits.awsQueryError as [string, number] | undefined;
  return {
    fault: traits.error === 'server' ? 'server' : 'client',
    httpStatus: typeof traits.httpError === 'number' ? traits.httpError : traits.error === 'server' ? 500 : 400,
    queryCode: query?.[0],
    queryStatus: query?.[1],
  };
}

function structureOf(ref: Ref): StructureShape {
  const shape = compileShape(ref);
  if (shape.type !== 'structure') throw new Error(`emulator schema: operation input/output is a ${shape.type}`);
  return shape;
}

/** Compiles an operation schema `[9, ns, name, traits, input, output]`. */
export function compileOperation(schema: unknown): OperationShape {
  const op = deref(schema) as unknown[];
  if (!Array.isArray(op) || op[0] !== 9) throw new Error('emulator schema: not an operation schema');
  const traits = traitsOf(op[3]);
  const http = Array.isArray(traits.http)
    ? ({ method: String(traits.http[0]), uri: String(traits.http[1]), code: Number(traits.http[2]) } satisfies HttpTrait)
    : undefined;
  return { name: String(op[2]), http, input: structureOf(op[4]), output: structureOf(op[5]) };
}

/** True for `[9, …]` operation schemas. */
export function isOperationSchema(value: unknown): boolean {
  return Array.isArray(value) && value[0] === 9 && typeof value[2] === 'string';
}

/** True for `[-3, …]` error schemas. */
export function isErrorSchema(value: unknown): boolean {
  return Array.isArray(value) && value[0] === -3 && typeof value[2] === 'string';
}
