/**
 * Errors the engine reports to a person, with the AWS CLI v2 exit codes:
 *   252 usage (the command line could not be understood or names something that does not exist),
 *   253 configuration (no way to reach AWS: no client factory, no credentials),
 *   254 the service answered with an error,
 *   255 anything else (network failures, unexpected errors).
 */

export const EXIT = { ok: 0, usage: 252, configuration: 253, service: 254, other: 255 } as const;

export class CliUsageError extends Error {
  readonly exitCode: number = EXIT.usage;
  /** Offset in the command line the problem is at, when known (for a caret under it). */
  readonly position?: number;
  constructor(message: string, position?: number) {
    super(message);
    this.name = 'CliUsageError';
    this.position = position;
  }
}

export class CliConfigurationError extends Error {
  readonly exitCode: number = EXIT.configuration;
  constructor(message: string) {
    super(message);
    this.name = 'CliConfigurationError';
  }
}
