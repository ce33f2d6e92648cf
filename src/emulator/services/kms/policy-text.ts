/**
 * JSON laid out the way KMS returns the policies it writes itself (the default key policy, the
 * policies of AWS managed keys): Jackson's default pretty printer — `"key" : value`, two-space
 * indents, `[ … ]` arrays whose objects keep the enclosing indent. GetKeyPolicy returns documents
 * that callers wrote exactly as they wrote them; only KMS's own documents go through this.
 */
export function kmsPrettyJson(value: unknown, indent = 0): string {
  if (Array.isArray(value)) return value.length ? `[ ${value.map((v) => kmsPrettyJson(v, indent)).join(', ')} ]` : '[ ]';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{ }';
    const pad = ' '.repeat(indent + 2);
    return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)} : ${kmsPrettyJson(v, indent + 2)}`).join(',\n')}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}
