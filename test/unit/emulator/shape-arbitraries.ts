/**
 * fast-check arbitraries that produce values for a compiled shape, so parsers can be checked
 * against AWS's own serializers on every operation of a service. `depth` bounds optional nesting;
 * required members are always produced (minimally once the depth is spent).
 */
import fc from 'fast-check';
import type { Shape, StructureShape } from '../../../src/emulator/schema/shapes.ts';

/** Text XML 1.0 and query strings can carry (no control characters, no lone surrogates). */
const text = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.~/+=&%<>"\'é中€'.split('')), maxLength: 12 });

export interface ArbitraryOptions {
  /** EC2 does not send empty lists, so generated lists are never empty there. */
  nonEmptyLists?: boolean;
}

const GUARD = 12;

/** An arbitrary for `shape`, or undefined when nothing can be produced within `depth`. */
export function valueFor(shape: Shape, depth: number, options: ArbitraryOptions, guard = 0): fc.Arbitrary<unknown> | undefined {
  if (guard > GUARD) return undefined;
  switch (shape.type) {
    case 'string': return text;
    case 'number': return fc.integer({ min: -1_000_000, max: 1_000_000 });
    case 'boolean': return fc.boolean();
    case 'timestamp': return fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000));
    case 'blob': return fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a));
    case 'document': return fc.constant({ a: 1 });
    case 'list': {
      if (depth <= 0) return undefined;
      const item = valueFor(shape.member.shape, depth - 1, options, guard + 1);
      return item && fc.array(item, { minLength: options.nonEmptyLists ? 1 : 0, maxLength: 3 });
    }
    case 'map': {
      if (depth <= 0) return undefined;
      const item = valueFor(shape.value.shape, depth - 1, options, guard + 1);
      return item && fc.dictionary(fc.string({ unit: fc.constantFrom(...'abcdef'.split('')), minLength: 1, maxLength: 4 }), item, { minKeys: 1, maxKeys: 3 });
    }
    case 'structure':
      return structureFor(shape, depth, options, guard + 1);
  }
}

export function structureFor(shape: StructureShape, depth: number, options: ArbitraryOptions, guard = 0): fc.Arbitrary<unknown> | undefined {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const m of shape.members) {
    const mandatory = m.required || Boolean(m.traits.idempotencyToken);
    const value = valueFor(m.shape, mandatory ? Math.max(depth - 1, 1) : depth - 1, options, guard);
    if (!value) {
      if (mandatory) return undefined;
      continue;
    }
    record[m.name] = mandatory ? value : fc.option(value, { nil: undefined, freq: 2 });
  }
  const arbitrary = fc.record(record).map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    return out;
  });
  // An empty nested structure travels as nothing at all (query, XML), so never produce one.
  if (guard === 0 || shape.members.length === 0) return arbitrary;
  const nonEmpty = Object.keys(record);
  if (!nonEmpty.length) return undefined;
  return arbitrary.filter((v) => Object.keys(v).length > 0);
}

/** Comparable form: Buffers and Dates made plain, undefined members dropped. */
export function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) return { bytes: v.data };
    return v;
  }));
}
