/**
 * The text and table formatters against output captured from the real AWS CLI
 * (test/fixtures/aws-cli/cli-output, made by capture-cli-output.sh): the CLI's own JSON goes in,
 * its text and table must come out byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliData } from './normalize.ts';
import { isoTimestamp, normalizeOutput } from './normalize.ts';
import { renderOutput } from './render.ts';
import { formatTable } from './table.ts';
import { formatText } from './text.ts';

const dir = resolve(import.meta.dirname, '../../../test/fixtures/aws-cli/cli-output');
const names = readdirSync(dir).filter((f) => f.endsWith('.command')).map((f) => f.replace(/\.command$/, ''));
const read = (name: string, ext: string) => readFileSync(resolve(dir, `${name}.${ext}`), 'utf8');
// The table's title is the operation: `iam list-roles` → ListRoles.
const title = (command: string) => command.trim().split(' ')[1]!.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('').replace(/^GetCallerIdentity$/, 'GetCallerIdentity');

describe('formatters match the real AWS CLI', () => {
  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(8));

  it.each(names)('%s: json', (name) => {
    const json = read(name, 'json');
    expect(renderOutput(JSON.parse(json) as CliData, { format: 'json', title: '' })).toBe(json);
  });

  it.each(names)('%s: text', (name) => {
    expect(formatText(JSON.parse(read(name, 'json')) as CliData)).toBe(read(name, 'text'));
  });

  it.each(names)('%s: table', (name) => {
    expect(formatTable(title(read(name, 'command')), JSON.parse(read(name, 'json')) as CliData, 80)).toBe(read(name, 'table'));
  });
});

describe('formatters, cases the fixtures do not show', () => {
  it('json prints nothing for an empty response, and other empty values as JSON', () => {
    expect(renderOutput({}, { format: 'json', title: 'X' })).toBe('');
    expect(renderOutput([], { format: 'json', title: 'X' })).toBe('[]\n');
    expect(renderOutput(null, { format: 'json', title: 'X' })).toBe('null\n');
  });

  it('text writes Python\'s True/False/None and a bare list on one line', () => {
    expect(formatText({ A: true, B: null, C: 'x' })).toBe('True\tNone\tx\n');
    expect(formatText(['a', 'b'])).toBe('a\tb\n');
    expect(formatText([['a', 1], ['b', 2]])).toBe('a\t1\nb\t2\n');
  });

  it('a table wider than the terminal turns single-row sections vertical (as the CLI: output checked against awscli)', () => {
    const data = { Thing: { Alpha: 'a'.repeat(30), Beta: 'b'.repeat(30), Gamma: 'c'.repeat(30) } };
    expect(formatTable('Op', data, 200).split('\n')[5]).toMatch(/\|\|\s+Alpha\s+\|\s+Beta\s+\|\s+Gamma\s+\|\|/);
    expect(formatTable('Op', data, 80)).toBe(
      [
        '-----------------------------------------------',
        '|                     Op                      |',
        '+---------------------------------------------+',
        '||                   Thing                   ||',
        '|+-------+-----------------------------------+|',
        `||  Alpha|  ${'a'.repeat(30)}   ||`,
        `||  Beta |  ${'b'.repeat(30)}   ||`,
        `||  Gamma|  ${'c'.repeat(30)}   ||`,
        '|+-------+-----------------------------------+|',
        '',
      ].join('\n'),
    );
  });

  it('yaml', () => {
    expect(renderOutput({ Buckets: [{ Name: 'a' }], Owner: { ID: 'x' } }, { format: 'yaml', title: '' })).toBe('Buckets:\n- Name: a\nOwner:\n  ID: x\n');
  });

  it('timestamps print as the CLI v2 prints them', () => {
    expect(isoTimestamp(new Date('2026-01-31T12:00:00Z'))).toBe('2026-01-31T12:00:00+00:00');
    expect(isoTimestamp(new Date('2026-01-31T12:00:00.120Z'))).toBe('2026-01-31T12:00:00.120000+00:00');
    expect(normalizeOutput(undefined, { $metadata: {}, When: new Date(0), Bytes: new Uint8Array([104, 105]) })).toEqual({ When: '1970-01-01T00:00:00+00:00', Bytes: 'aGk=' });
  });
});
