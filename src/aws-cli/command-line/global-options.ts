/**
 * The AWS CLI's global options. Some change what the engine does (--region, --output, --query,
 * --no-paginate, --cli-binary-format); those that would point the CLI somewhere else or at other
 * credentials are refused or ignored with a notice, because the terminal's target and credentials
 * are the session's.
 */

export type OutputFormat = 'json' | 'text' | 'table' | 'yaml' | 'yaml-stream';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'text', 'table', 'yaml', 'yaml-stream'];

export interface GlobalOptions {
  region?: string;
  output?: OutputFormat;
  query?: string;
  paginate: boolean;
  binaryFormat?: 'base64' | 'raw-in-base64-out';
  color?: string;
}

export interface GlobalOptionSpec {
  readonly name: string;
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  readonly help: string;
  /** Accepted but without effect here; the notice says why. */
  readonly ignoredBecause?: string;
  /** Refused here; the message says why. */
  readonly refusedBecause?: string;
}

export const GLOBAL_OPTIONS: readonly GlobalOptionSpec[] = [
  { name: '--region', takesValue: true, help: 'The region to send the request to (default: the session\'s region).' },
  { name: '--output', takesValue: true, choices: OUTPUT_FORMATS, help: 'The formatting style for command output: json (default), text, table, yaml.' },
  { name: '--query', takesValue: true, help: 'A JMESPath query to filter the response data.' },
  { name: '--no-paginate', takesValue: false, help: 'Make one call only, returning the first page of results.' },
  { name: '--cli-binary-format', takesValue: true, choices: ['base64', 'raw-in-base64-out'], help: 'How binary input typed as text is read: base64 (default, as the AWS CLI v2) or raw-in-base64-out.' },
  { name: '--color', takesValue: true, choices: ['on', 'off', 'auto'], help: 'Accepted for compatibility; output here is never colored.' },
  { name: '--debug', takesValue: false, help: 'Accepted; debug logging is not shown here.', ignoredBecause: 'debug logging is not available in this terminal' },
  { name: '--profile', takesValue: true, help: 'Ignored: the terminal always uses your lab credentials.', ignoredBecause: 'this terminal always uses your lab credentials' },
  { name: '--endpoint-url', takesValue: true, help: 'Ignored: requests go to your lab\'s environment.', ignoredBecause: 'requests always go to your lab\'s environment' },
  { name: '--no-verify-ssl', takesValue: false, help: 'Ignored.', ignoredBecause: 'the connection to your lab\'s environment is managed for you' },
  { name: '--ca-bundle', takesValue: true, help: 'Ignored.', ignoredBecause: 'the connection to your lab\'s environment is managed for you' },
  { name: '--no-sign-request', takesValue: false, help: 'Refused: requests are always signed with your lab credentials.', refusedBecause: 'requests are always signed with your lab credentials' },
  { name: '--cli-read-timeout', takesValue: true, help: 'Ignored.', ignoredBecause: 'timeouts are fixed here' },
  { name: '--cli-connect-timeout', takesValue: true, help: 'Ignored.', ignoredBecause: 'timeouts are fixed here' },
  { name: '--no-cli-pager', takesValue: false, help: 'Accepted; output is never paged here.' },
  { name: '--cli-auto-prompt', takesValue: false, help: 'Not available; use Tab to complete.', refusedBecause: 'auto-prompt is not available here; press Tab to complete names instead' },
  { name: '--no-cli-auto-prompt', takesValue: false, help: 'Accepted.' },
  { name: '--version', takesValue: false, help: 'Shows the version of this AWS CLI engine.' },
];

export const globalOptionByName: ReadonlyMap<string, GlobalOptionSpec> = new Map(GLOBAL_OPTIONS.map((g) => [g.name, g]));
