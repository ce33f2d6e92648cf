/**
 * What a simulated endpoint answers, deterministically, so labs and tests can rely on it:
 *
 *   score(row) = (first 4 bytes of SHA-256("<ModelName>\n<row>") as an unsigned integer) / 2^32,
 *                rounded to 6 decimals — a number in [0, 1) that depends only on the model and the row.
 *
 * Rows: `text/csv` bodies are split into lines (one score per non-empty line); JSON bodies with an
 * `instances` array (TensorFlow Serving style) or a top-level array score each element (as compact
 * JSON); anything else is one row (the body as text). The answer is CSV (one score per line) when
 * Accept (or, without Accept, ContentType) is text/csv, else JSON `{"predictions":[{"score":…}]}`.
 *
 * Variant choice: a TargetVariant is honoured; otherwise the n-th invocation of an endpoint goes to
 * the variant whose share of the current weights covers hash("<EndpointName>#<n>") / 2^32 — over
 * many calls traffic follows the weights, and the same sequence of calls always lands the same way.
 *
 * Knobs a lab sets on the model's container Environment (read when the variant is deployed):
 *   MLSEC_EMULATOR_LATENCY_MS     the model latency to report (default: 20 ms plus 1 µs per body byte, ± a few ms)
 *   MLSEC_EMULATOR_FAILURE_RATE   share of invocations (0–1) the model fails with a 500 (ModelError, Invocation5XXErrors)
 */
import { createHash } from 'node:crypto';
import type { RunningVariant } from '../sagemaker/state.ts';

/** Deterministic number in [0, 1) from text. */
export function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

export function score(modelName: string, row: string): number {
  return Math.round(unit(`${modelName}\n${row}`) * 1e6) / 1e6;
}

/** Picks the variant for the n-th invocation by the current weights (undefined when all weigh 0). */
export function pickVariant(endpointName: string, invocation: number, variants: readonly RunningVariant[]): RunningVariant | undefined {
  const total = variants.reduce((sum, v) => sum + Math.max(0, v.CurrentWeight), 0);
  if (total <= 0) return undefined;
  let point = unit(`${endpointName}#${invocation}`) * total;
  for (const v of variants) {
    point -= Math.max(0, v.CurrentWeight);
    if (point < 0) return v;
  }
  return variants.filter((v) => v.CurrentWeight > 0).at(-1);
}

function isCsv(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';
}

function rowsOf(body: Buffer, contentType: string | undefined): string[] {
  const text = body.toString('utf8');
  if (isCsv(contentType)) {
    const rows = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    return rows.length ? rows : [''];
  }
  if ((contentType ?? '').toLowerCase().includes('json')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && Array.isArray((parsed as { instances?: unknown }).instances) ? (parsed as { instances: unknown[] }).instances : undefined;
      if (list) return list.map((item) => JSON.stringify(item));
    } catch {
      // Not JSON after all: scored as one row of text.
    }
  }
  return [text];
}

export interface Answer {
  readonly body: Buffer;
  readonly contentType: string;
}

export function answer(modelName: string, body: Buffer, contentType: string | undefined, accept: string | undefined): Answer {
  const scores = rowsOf(body, contentType).map((row) => score(modelName, row));
  const wanted = accept && accept !== '*/*' ? accept : contentType;
  if (isCsv(wanted)) return { body: Buffer.from(scores.join('\n')), contentType: 'text/csv; charset=utf-8' };
  return { body: Buffer.from(JSON.stringify({ predictions: scores.map((s) => ({ score: s })) })), contentType: 'application/json' };
}

/** The model latency to report for one invocation, in microseconds. */
export function modelLatencyMicros(variant: RunningVariant, bodyBytes: number, seed: string): number {
  const configured = Number(variant.Environment.MLSEC_EMULATOR_LATENCY_MS);
  if (variant.Environment.MLSEC_EMULATOR_LATENCY_MS !== undefined && Number.isFinite(configured) && configured >= 0) return Math.round(configured * 1000);
  return 20_000 + bodyBytes + Math.round(unit(`latency:${seed}`) * 5_000);
}

/** SageMaker's own overhead for one invocation, in microseconds (a few milliseconds). */
export function overheadMicros(seed: string): number {
  return 2_000 + Math.round(unit(`overhead:${seed}`) * 1_000);
}

/** Whether the model fails this invocation (MLSEC_EMULATOR_FAILURE_RATE). */
export function fails(variant: RunningVariant, seed: string): boolean {
  const rate = Number(variant.Environment.MLSEC_EMULATOR_FAILURE_RATE ?? 0);
  return Number.isFinite(rate) && rate > 0 && unit(`failure:${seed}`) < rate;
}
