/**
 * Stored policy documents compiled once per text: keyed by where a policy lives (its ARN or
 * holder and name) and recompiled only when its text changes. A recompiled policy gets a new id in
 * the engine, so the engine's decision cache never serves an answer about an older version.
 *
 * A stored document the engine cannot compile (services validate on write, so this is rare — a
 * persisted file edited by hand, a grammar the engine is stricter about) takes no part in decisions,
 * and the problem is logged once.
 */
import { compilePolicy, type CompiledPolicyRef, type PolicyInput, type PolicyType, type ResourcePolicyKind } from '../policy/index.ts';

interface Entry {
  readonly text: string;
  readonly compiled: CompiledPolicyRef | undefined;
}

const LIMIT = 20_000;

export class PolicyCompiler {
  readonly #memo = new Map<string, Entry>();
  readonly #log: (message: string) => void;

  constructor(log: (message: string) => void) {
    this.#log = log;
  }

  /** The compiled form of `input` (kept under `key`), or undefined when it does not compile. */
  compile(key: string, input: PolicyInput & { kind?: ResourcePolicyKind }, type: PolicyType): CompiledPolicyRef | undefined {
    const text = typeof input.document === 'string' ? input.document : JSON.stringify(input.document);
    const hit = this.#memo.get(key);
    if (hit && hit.text === text) return hit.compiled;
    let compiled: CompiledPolicyRef | undefined;
    try {
      compiled = compilePolicy({ ...input, document: text }, type);
    } catch (error) {
      this.#log(`IAM enforcement: ignoring ${input.source ?? input.name}, which the policy engine cannot read: ${(error as Error).message}`);
    }
    if (this.#memo.size >= LIMIT) this.#memo.clear();
    this.#memo.set(key, { text, compiled });
    return compiled;
  }

  get size(): number {
    return this.#memo.size;
  }
}
