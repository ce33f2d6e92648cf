/**
 * `src/aws-cli` — AWS CLI syntax executed through the AWS SDK v3, server-side. Not a shell: one
 * `aws …` command line at a time, files only from a per-session store.
 *
 *   const files = createMemoryFileStore();
 *   files.put('policy.json', '{"Version":"2012-10-17","Statement":[]}');
 *   const { exitCode, stdout, stderr } = await runAwsCommand(
 *     'aws s3api put-bucket-policy --bucket b --policy file://policy.json',
 *     { clientFactory: (service, { region }) => awsClients.client(service), region: 'us-east-1', files },
 *   );
 *
 * See docs/aws-cli-engine.md.
 */
export { runAwsCommand, runAwsArgv, ENGINE_VERSION, type RunOptions, type RunResult } from './execute/run.ts';
export { endpointClientFactory, type ClientFactory, type Credentials, type SdkClient } from './execute/clients.ts';
export { checkAwsCommand, type CheckedCommand } from './check-command.ts';
export { runTryItLine, type TryItRunOptions } from './try-it-runner.ts';
export { completeAwsCommand, type Completion } from './complete.ts';
export { createMemoryFileStore, createDiskFileStore, normalizeVirtualPath, type FileStore, type MemoryFileStore, type MemoryFileStoreLimits } from './files/file-store.ts';
export { tokenize, splitWords, quoteWord, type Token } from './command-line/tokenize.ts';
export { parseShorthand, formatShorthand, ShorthandSyntaxError, type ShorthandValue } from './arguments/shorthand.ts';
export { SERVICES, serviceNames } from './model/services.ts';
export { loadServiceModel } from './model/service-model.ts';
export { CUSTOMISATIONS } from './arguments/customisations.ts';
export { EXIT, CliUsageError, CliConfigurationError } from './errors.ts';
