/**
 * `aws help`, `aws <service> help`, `aws <service> <operation> help`: services, operations with
 * their first sentence, and an operation's options with types, required marks, enum values and the
 * shape of structures — all from the SDK's own definitions (documentation from its declarations
 * when installed; otherwise help says so and still lists every option).
 */
import { argumentTable, isValueBoolean, type CliArgument } from '../arguments/argument-table.ts';
import { GLOBAL_OPTIONS } from '../command-line/global-options.ts';
import { firstSentence } from '../model/docs.ts';
import type { OperationModel, ServiceModel } from '../model/service-model.ts';
import { SERVICES } from '../model/services.ts';
import { jsonSyntax, shorthandSyntax } from './syntax.ts';

const WIDTH = 78;

export function renderHelp(service?: ServiceModel, operation?: OperationModel): string {
  if (operation) return operationHelp(operation);
  if (service) return serviceHelp(service);
  return topHelp();
}

function topHelp(): string {
  const name = Math.max(...SERVICES.map((s) => s.cliName.length));
  return [
    'AWS CLI (mlsec-sim engine: AWS CLI syntax, run through the AWS SDK for JavaScript v3)',
    '',
    'Usage: aws [options] <service> <operation> [parameters]',
    '       aws <service> help            lists the operations of a service',
    '       aws <service> <operation> help lists its parameters',
    '',
    'Services:',
    ...SERVICES.map((s) => `  ${s.cliName.padEnd(name)}  ${s.title}`),
    '',
    'Global options:',
    ...GLOBAL_OPTIONS.map((g) => `  ${`${g.name}${g.takesValue ? ` <${g.choices ? g.choices.join('|') : 'value'}>` : ''}`.padEnd(44)} ${g.help}`),
    '',
    'This is not a shell: one aws command per line, no pipes, redirects or variables.',
    'file://NAME and fileb://NAME read files of this terminal session.',
    '',
  ].join('\n');
}

function serviceHelp(service: ServiceModel): string {
  const ops = [...service.operations.values()];
  const width = Math.min(48, Math.max(...ops.map((o) => o.cliName.length)));
  const lines = [`${service.entry.cliName} — ${service.entry.title}`, '', `Usage: aws ${service.entry.cliName} <operation> [parameters]`, '', `Operations (${ops.length}):`];
  for (const op of ops) {
    const doc = firstSentence(op.doc, WIDTH - width - 4);
    lines.push(`  ${op.cliName.padEnd(width)}  ${doc}`.trimEnd());
  }
  if (!service.docs.available) lines.push('', '(Descriptions are not installed: the SDK\'s type declarations were not found.)');
  lines.push('', `aws ${service.entry.cliName} <operation> help shows an operation's parameters.`, '');
  return lines.join('\n');
}

function operationHelp(operation: OperationModel): string {
  const service = operation.service.entry.cliName;
  const table = argumentTable(operation);
  const lines: string[] = [`aws ${service} ${operation.cliName}`, '', 'DESCRIPTION'];
  const doc = operation.doc;
  if (doc) lines.push(...wrapParagraphs(clip(doc, 1200), '  '));
  else lines.push(`  ${operation.name} (${operation.service.docs.available ? 'no description in the SDK\'s declarations' : 'descriptions are not installed: the SDK\'s type declarations were not found; names and types below come from its schemas'}).`);
  if (operation.paginator) {
    lines.push('', `  ${operation.cliName} is a paginated operation: every page is fetched and merged unless you give --no-paginate; --max-items limits the items, --starting-token resumes.`);
  }
  lines.push('', 'SYNOPSIS', `  aws ${service} ${operation.cliName}`);
  for (const arg of table.documented) {
    if (arg.action === 'false' && table.documented.some((a) => a.action === 'true' && a.member === arg.member)) continue;
    lines.push(`    ${synopsisOf(arg, table.documented)}`);
  }
  lines.push('', 'OPTIONS');
  for (const arg of table.documented) {
    if (arg.action === 'false' && arg.member && table.documented.some((a) => a.action === 'true' && a.member === arg.member)) continue;
    lines.push('', ...optionHelp(arg, table.documented));
  }
  lines.push('', 'GLOBAL OPTIONS', '  --region, --output json|text|table|yaml, --query <JMESPath>, --no-paginate, --cli-binary-format (aws help lists them all)');
  const outputs = operation.output.members;
  lines.push('', 'OUTPUT');
  if (outputs.length === 0) lines.push('  None');
  for (const member of outputs) {
    if (member === operation.output.payloadMember) {
      lines.push(`  ${member.name} (streaming blob): written to the outfile argument`);
      continue;
    }
    lines.push(`  ${member.name} -> (${member.shape.label})`);
    if (member.doc) lines.push(...wrapParagraphs(clip(firstParagraph(member.doc), 300), '      '));
  }
  lines.push('');
  return lines.join('\n');
}

function synopsisOf(arg: CliArgument, all: readonly CliArgument[]): string {
  if (arg.positional) return `<${arg.name}>`;
  const value = arg.nargs === 0 ? '' : arg.nargs === '+' ? ` <value> [<value>...]` : arg.nargs === '?' ? ' [<value>]' : ' <value>';
  const negative = arg.action === 'true' ? all.find((a) => a.action === 'false' && a.member === arg.member) : undefined;
  const pair = negative ? ` | ${negative.name}` : '';
  const text = `${arg.name}${value}${pair}`;
  return arg.required ? text : `[${text}]`;
}

function optionHelp(arg: CliArgument, all: readonly CliArgument[]): string[] {
  const shape = arg.shape;
  const negative = arg.action === 'true' ? all.find((a) => a.action === 'false' && a.member === arg.member) : undefined;
  const names = negative ? `${arg.name} | ${negative.name}` : arg.name;
  const type = arg.positional ? 'string' : shape ? (shape.kind === 'blob' && shape.streaming ? 'file path' : shape.label) : arg.action === 'generate-cli-skeleton' ? 'input|output|yaml-input' : 'string';
  const lines = [`  ${names} (${type})${arg.required ? '  [required]' : ''}`];
  const doc = arg.member?.doc ?? arg.help;
  if (doc) lines.push(...wrapParagraphs(clip(doc, 700), '      '));
  if (shape && arg.action === 'true' && isValueBoolean(shape)) lines.push(`      ${arg.name} sets {"Value": true}; ${negative?.name ?? 'the --no- form'} sets {"Value": false}.`);
  if (shape?.kind === 'blob' && !shape.streaming) lines.push('      Binary: give base64 text, or fileb://FILE for a file\'s bytes (--cli-binary-format raw-in-base64-out reads text as it is).');
  const values = shape?.enumValues ?? (shape?.kind === 'list' ? shape.element.enumValues : undefined);
  if (values?.length) lines.push('', '      Possible values:', ...values.slice(0, 40).map((v) => `        ${v}`), ...(values.length > 40 ? [`        … and ${values.length - 40} more`] : []));
  if (shape && !shape.isScalar && arg.action !== 'true') {
    const shorthand = shorthandSyntax(shape);
    if (shorthand) lines.push('', '      Shorthand Syntax:', '', ...indentBlock(`${arg.name.slice(2) === '' ? '' : ''}${shorthand}`, '        '));
    lines.push('', '      JSON Syntax:', '', ...indentBlock(jsonSyntax(shape), '        '));
  } else if (shape?.kind === 'list') {
    lines.push(`      Syntax: ${arg.name} value1 value2 ... (or a JSON list)`);
  }
  return lines;
}

function indentBlock(text: string, prefix: string): string[] {
  return text.split('\n').map((l) => `${prefix}${l}`);
}

function firstParagraph(text: string): string {
  return text.split('\n\n')[0] ?? text;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max);
  return `${text.slice(0, cut > max / 2 ? cut : max).trimEnd()} …`;
}

function wrapParagraphs(text: string, indent: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      if (out.length && out[out.length - 1] !== '') out.push('');
      continue;
    }
    // List items hang under their dash.
    const hanging = paragraph.startsWith('- ') ? `${indent}  ` : indent;
    let line = indent;
    for (const word of paragraph.split(/\s+/)) {
      if (line.length + word.length + 1 > WIDTH && line.trim() !== '' && line.trim() !== '-') {
        out.push(line.trimEnd());
        line = hanging;
      }
      line += (line.trim() === '' ? '' : ' ') + word;
    }
    if (line.trim()) out.push(line.trimEnd());
  }
  return out;
}
