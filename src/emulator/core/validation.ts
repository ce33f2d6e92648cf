/**
 * Input that breaks the model's rules (a required member missing, a value of the wrong type, a
 * constraint such as a length or pattern). Codecs and providers raise the same error; each
 * protocol renames it to its own code (ValidationError for awsQuery, ValidationException for
 * JSON, MissingParameter/InvalidParameterValue for EC2, InvalidArgument/InvalidRequest for S3)
 * while the message keeps AWS's "N validation error(s) detected: …" wording.
 */
import { AwsServiceError } from './errors.ts';

export interface InputProblem {
  /** AWS's path for the value: lower-camel member names joined with '.', e.g. `tags.1.member.key`. */
  readonly path: string;
  readonly kind: 'missing' | 'type' | 'constraint';
  /** The offending value as received (undefined for a missing member). */
  readonly value?: unknown;
  /** e.g. `Member must have length less than or equal to 64`. */
  readonly constraint: string;
  /** The member's wire name, for protocols that name parameters as sent (EC2, S3). */
  readonly wireName?: string;
}

export class InputValidationError extends AwsServiceError {
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[]) {
    super('ValidationError', formatProblems(problems), { status: 400 });
    this.problems = problems;
  }
}

/** AWS's wording: `1 validation error detected: Value 'x' at 'roleName' failed to satisfy constraint: …`. */
export function formatProblems(problems: readonly InputProblem[]): string {
  const count = problems.length;
  const head = `${count} validation error${count === 1 ? '' : 's'} detected: `;
  return head + problems.map((p) => `Value ${describeValue(p.value)} at '${p.path}' failed to satisfy constraint: ${p.constraint}`).join('; ');
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 256 ? `${value.slice(0, 256)}…` : value}'`;
  if (Array.isArray(value)) return `'[${value.map((v) => String(v)).join(', ')}]'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)?.slice(0, 256)}'`;
  return `'${String(value)}'`;
}

/** Lower-camel path segment AWS uses in validation messages (RoleName → roleName). */
export function pathSegment(memberName: string): string {
  return memberName.length ? memberName[0]!.toLowerCase() + memberName.slice(1) : memberName;
}

export function missing(path: string, wireName?: string): InputProblem {
  return { path, kind: 'missing', constraint: 'Member must not be null', wireName };
}

/** Throws one validation error for a constraint a provider checks (length, pattern, range, enum). */
export function invalid(path: string, value: unknown, constraint: string): never {
  throw new InputValidationError([{ path, kind: 'constraint', value, constraint }]);
}

/** Collects constraint checks so one response lists every problem, as AWS does. */
export class ProblemList {
  readonly problems: InputProblem[] = [];

  maxLength(path: string, value: string | undefined, max: number): this {
    if (value !== undefined && value.length > max) {
      this.problems.push({ path, kind: 'constraint', value, constraint: `Member must have length less than or equal to ${max}` });
    }
    return this;
  }

  minLength(path: string, value: string | undefined, min: number): this {
    if (value !== undefined && value.length < min) {
      this.problems.push({ path, kind: 'constraint', value, constraint: `Member must have length greater than or equal to ${min}` });
    }
    return this;
  }

  pattern(path: string, value: string | undefined, pattern: RegExp, patternText: string): this {
    if (value !== undefined && !pattern.test(value)) {
      this.problems.push({ path, kind: 'constraint', value, constraint: `Member must satisfy regular expression pattern: ${patternText}` });
    }
    return this;
  }

  range(path: string, value: number | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (value < min) this.problems.push({ path, kind: 'constraint', value, constraint: `Member must have value greater than or equal to ${min}` });
    else if (value > max) this.problems.push({ path, kind: 'constraint', value, constraint: `Member must have value less than or equal to ${max}` });
    return this;
  }

  oneOf(path: string, value: string | undefined, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) {
      this.problems.push({ path, kind: 'constraint', value, constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]` });
    }
    return this;
  }

  /** Throws when anything was collected. */
  check(): void {
    if (this.problems.length) throw new InputValidationError(this.problems);
  }
}
