/**
 * JSON for service state that also holds Maps, Sets, Dates and byte buffers (S3 object bodies).
 * Such values are written as tagged objects ({"$map": [...]}, {"$b64": "..."}); plain data stays
 * plain, so the files remain readable.
 */

const TAGS = ['$map', '$set', '$date', '$b64'] as const;

export function encodeSnapshot(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    if (raw instanceof Set) return { $set: [...raw.values()] };
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw instanceof Uint8Array) return { $b64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
    return v;
  });
}

export function decodeSnapshot(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && (TAGS as readonly string[]).includes(keys[0]!)) {
        const tagged = v as Record<string, unknown>;
        if ('$map' in tagged) return new Map(tagged.$map as [unknown, unknown][]);
        if ('$set' in tagged) return new Set(tagged.$set as unknown[]);
        if ('$date' in tagged) return new Date(tagged.$date as string);
        if ('$b64' in tagged) return Buffer.from(tagged.$b64 as string, 'base64');
      }
    }
    return v;
  });
}
