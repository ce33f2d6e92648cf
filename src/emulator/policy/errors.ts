/**
 * A policy document that cannot be evaluated. The emulator maps it to AWS's
 * `MalformedPolicyDocument`; the message says what is wrong, where, and how to fix it.
 */
export class PolicyDocumentError extends Error {
  /** Where in the document, e.g. `Statement[1].Condition.StringEqualz`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'PolicyDocumentError';
    this.path = path;
  }
}
