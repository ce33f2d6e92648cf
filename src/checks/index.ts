/** `src/checks` — the security-check catalog: metadata + pure `evaluate(inventory)` per check. */
export { checks, getCheck, checkIds } from './catalog.ts';
export { checkMetadataSchema } from './metadata-schema.ts';
export type { AnyCheck, Check, CheckMetadata, CheckResource, Evidence, Finding, FindingStatus, Severity } from './types.ts';
