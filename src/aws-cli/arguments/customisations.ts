/**
 * Where the AWS CLI departs from a plain "one --option per input member" mapping, for the services
 * this engine speaks. Each entry mirrors an AWS CLI customisation (file named in the comment, under
 * awscli/customizations/). docs/aws-cli-engine.md renders the same table for people.
 */

export interface Customisation {
  /** `service operation` (`*` for every operation). */
  readonly where: string;
  readonly what: string;
}

/** Options renamed by the CLI (argrename.py): `service.operation.original` → new name, without `--`. */
export const ARGUMENT_RENAMES: Readonly<Record<string, string>> = {
  'ec2.create-image.no-no-reboot': 'reboot',
  'ec2.*.no-egress': 'ingress',
  'ec2.*.no-disable-api-termination': 'enable-api-termination',
  'sagemaker.delete-image-version.version': 'version-number',
  'sagemaker.describe-image-version.version': 'version-number',
  'sagemaker.list-aliases.version': 'version-number',
  'sagemaker.update-image-version.version': 'version-number',
};

/** Old spellings the CLI still accepts without documenting them (argrename.py HIDDEN_ALIASES). */
export const HIDDEN_ALIASES: Readonly<Record<string, string>> = {
  'iam.enable-mfa-device.authentication-code1': 'authentication-code-1',
  'iam.enable-mfa-device.authentication-code2': 'authentication-code-2',
  'iam.resync-mfa-device.authentication-code1': 'authentication-code-1',
  'iam.resync-mfa-device.authentication-code2': 'authentication-code-2',
};

export function renamed(service: string, operation: string, name: string): string {
  return ARGUMENT_RENAMES[`${service}.${operation}.${name}`] ?? ARGUMENT_RENAMES[`${service}.*.${name}`] ?? name;
}

export function hiddenAlias(service: string, operation: string, name: string): string | undefined {
  return HIDDEN_ALIASES[`${service}.${operation}.${name}`];
}

/** Services whose `Value`-wrapped booleans become --flag/--no-flag (toplevelbool.py applies it to ec2). */
export const PULL_UP_BOOLEAN_SERVICES: ReadonlySet<string> = new Set(['ec2']);

/** Input members the CLI base64-encodes for you (ec2/runinstances.py and friends). */
export const BASE64_ENCODED_INPUTS: Readonly<Record<string, string>> = {
  'ec2.run-instances.UserData': 'the CLI base64-encodes --user-data for you; pass the script itself (file://script.sh)',
};

/** The customisations in effect, for help and docs. */
export const CUSTOMISATIONS: readonly Customisation[] = [
  { where: '* (every paginated operation)', what: '--starting-token, --max-items and --page-size replace the service\'s own token and page-size options (still accepted, then pagination is off); all pages are fetched and merged unless --no-paginate (paginate.py)' },
  { where: '* (every operation)', what: 'a boolean member is --flag / --no-flag; list members take several space-separated values; --cli-input-json and --generate-cli-skeleton are added (arguments.py, cliinputjson.py, generatecliskeleton.py)' },
  { where: 'ec2 *', what: 'members that wrap a boolean in {"Value": …} (AttributeBooleanValue) are --flag / --no-flag too (toplevelbool.py); --no-egress is --ingress, --no-disable-api-termination is --enable-api-termination, create-image --no-no-reboot is --reboot (argrename.py)' },
  { where: 'ec2 run-instances', what: '--user-data is base64-encoded for you (ec2/runinstances.py)' },
  { where: 'a structure of one string member named Value', what: 'may be given as the bare string: --instance-initiated-shutdown-behavior stop (argprocess.py)' },
  { where: 's3api put-object, upload-part (streaming input)', what: '--body is a path to a file (in this terminal: a file of the session, see "Files") (argprocess.py)' },
  { where: 's3api get-object, sagemaker-runtime invoke-endpoint and other streaming outputs', what: 'a positional outfile argument names the file the body is written to; the body is left out of the printed output (streamingoutputarg.py)' },
  { where: 'cloudwatch put-metric-data', what: '--metric-name, --value, --unit, --dimensions, --timestamp, --statistic-values, --storage-resolution build one datum without JSON (putmetricdata.py)' },
  { where: 'sagemaker *-image-version, list-aliases', what: '--version is --version-number (argrename.py)' },
  { where: 'iam enable-mfa-device, resync-mfa-device', what: '--authentication-code-1/-2 are accepted for --authentication-code1/2 (argrename.py)' },
];
