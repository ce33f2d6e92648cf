/**
 * A walkable view of an operation's input and output, built from the SDK's own schemas
 * (`@smithy/core/schema`'s NormalizedSchema over each client's `schemas_0.js`). The CLI engine
 * needs more than the SDK's serializers do: member order, required members, enum values and
 * documentation for help and completion, so this view adds those (the last two from the type
 * declarations, see docs.ts).
 */
import { NormalizedSchema } from '@smithy/core/schema';
import type { ServiceDocs } from './docs.ts';

export type ShapeKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'blob' | 'document' | 'structure' | 'union' | 'list' | 'map';

/** Everything a shape needs from its service: documentation and the module's enum objects. */
export interface ShapeContext {
  readonly docs: ServiceDocs;
  readonly module: Record<string, unknown>;
}

export interface Member {
  readonly name: string;
  readonly shape: Shape;
  readonly required: boolean;
  /** Filled in by the SDK when absent (ClientToken and friends). */
  readonly idempotencyToken: boolean;
  readonly doc?: string;
}

export class Shape {
  readonly kind: ShapeKind;
  /** The model's name for structures, lists and maps (`Filter`, `FilterList`); the kind for scalars. */
  readonly name: string;
  readonly streaming: boolean;
  /** Values an enum member allows (from the SDK's enum objects), when the model names an enum. */
  readonly enumValues?: readonly string[];
  private readonly ns: NormalizedSchema;
  private readonly context: ShapeContext;
  private memberList?: Member[];

  constructor(ns: NormalizedSchema, context: ShapeContext, enumValues?: readonly string[]) {
    this.ns = ns;
    this.context = context;
    this.kind = kindOf(ns);
    this.streaming = ns.isStreaming();
    this.enumValues = enumValues;
    const declared = ns.isMemberSchema() ? undefined : ns.getName();
    this.name = (ns.isStructSchema() || ns.isListSchema() || ns.isMapSchema() ? (declared ?? structName(ns)) : undefined) ?? this.kind;
  }

  static of(schema: unknown, context: ShapeContext): Shape {
    return new Shape(NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]), context);
  }

  get isScalar(): boolean {
    return !['structure', 'union', 'list', 'map'].includes(this.kind);
  }

  /** Members of a structure or union, in the model's order. */
  get members(): readonly Member[] {
    if (!this.memberList) {
      this.memberList = [];
      if (this.kind !== 'structure' && this.kind !== 'union') return this.memberList;
      const raw = this.ns.getSchema() as unknown[];
      const requiredCount = typeof raw[6] === 'number' ? raw[6] : 0;
      let index = 0;
      const structureName = this.name;
      for (const [name, memberNs] of this.ns.structIterator()) {
        const declared = this.context.docs.member(structureName, name);
        this.memberList.push({
          name,
          shape: new Shape(memberNs, this.context, enumValuesOf(declared?.type, memberNs, this.context)),
          required: index < requiredCount,
          idempotencyToken: memberNs.isIdempotencyToken(),
          doc: declared?.doc,
        });
        index++;
      }
    }
    return this.memberList;
  }

  member(name: string): Member | undefined {
    return this.members.find((m) => m.name === name);
  }

  /** Element shape of a list. */
  get element(): Shape {
    return new Shape(this.ns.getValueSchema(), this.context, this.enumValues);
  }

  /** Key shape of a map. */
  get key(): Shape {
    return new Shape(this.ns.getKeySchema(), this.context);
  }

  /** Value shape of a map. */
  get value(): Shape {
    return new Shape(this.ns.getValueSchema(), this.context);
  }

  /** The HTTP payload member of an output (S3 GetObject's Body), if the model names one. */
  get payloadMember(): Member | undefined {
    return this.members.find((m) => {
      const traits = (m.shape.ns.getMergedTraits() ?? {}) as Record<string, unknown>;
      return Boolean(traits.httpPayload) && m.shape.kind === 'blob';
    });
  }

  /** A type label for help: `string`, `integer`, `list of Filter`, `map of string to string`. */
  get label(): string {
    switch (this.kind) {
      case 'list':
        return `list of ${this.element.label}`;
      case 'map':
        return `map of ${this.key.label} to ${this.value.label}`;
      case 'structure':
      case 'union':
        return `structure ${this.name}`;
      case 'blob':
        return this.streaming ? 'streaming blob' : 'blob';
      default:
        return this.kind;
    }
  }
}

function kindOf(ns: NormalizedSchema): ShapeKind {
  if (ns.isUnionSchema()) return 'union';
  if (ns.isStructSchema()) return 'structure';
  if (ns.isListSchema()) return 'list';
  if (ns.isMapSchema()) return 'map';
  if (ns.isBlobSchema()) return 'blob';
  if (ns.isTimestampSchema()) return 'timestamp';
  if (ns.isBooleanSchema()) return 'boolean';
  if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return 'number';
  if (ns.isDocumentSchema()) return 'document';
  return 'string';
}

function structName(ns: NormalizedSchema): string | undefined {
  const raw = ns.getSchema() as unknown;
  return Array.isArray(raw) && typeof raw[2] === 'string' ? raw[2] : undefined;
}

/** `ObjectCannedACL | undefined` → the values of the module's `ObjectCannedACL` enum object. */
function enumValuesOf(declaredType: string | undefined, ns: NormalizedSchema, context: ShapeContext): string[] | undefined {
  if (!declaredType || !(ns.isStringSchema() || ns.isListSchema())) return undefined;
  for (const name of declaredType.match(/[A-Z]\w*/g) ?? []) {
    const candidate = context.module[name];
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) {
      const values = Object.values(candidate);
      if (values.length > 0 && values.every((v) => typeof v === 'string')) return values as string[];
    }
  }
  return undefined;
}
