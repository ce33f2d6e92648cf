/**
 * `--output text`, as the AWS CLI writes it (awscli/text.py): scalars of a structure on one
 * tab-separated line in key order, prefixed by the upper-cased name of the list or member they
 * came from; nested structures and lists on the lines that follow.
 */
import type { CliData } from './normalize.ts';
import { pythonStr } from './python-str.ts';

export function formatText(data: CliData): string {
  const out: string[] = [];
  formatValue(data, out, undefined, undefined);
  return out.join('');
}

type Dict = { [key: string]: CliData };
const isDict = (v: CliData): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isComplex = (v: CliData) => typeof v === 'object' && v !== null;

function formatValue(item: CliData, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (isDict(item)) formatDict(scalarKeys, item, identifier, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(`${pythonStr(item)}\n`);
}

function formatList(item: CliData[], identifier: string | undefined, out: string[]): void {
  if (item.length === 0) return;
  if (item.some(isDict)) {
    const allKeys = allScalarKeys(item.filter(isDict));
    for (const element of item) formatValue(element, out, identifier, allKeys);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter((e) => !isComplex(e));
    const nonScalars = item.filter(isComplex);
    if (scalars.length) formatScalarList(scalars, identifier, out);
    for (const nonScalar of nonScalars) formatValue(nonScalar, out, identifier, undefined);
  } else {
    formatScalarList(item, identifier, out);
  }
}

function formatScalarList(elements: CliData[], identifier: string | undefined, out: string[]): void {
  if (identifier !== undefined) {
    for (const element of elements) out.push(`${identifier.toUpperCase()}\t${pythonStr(element)}\n`);
  } else {
    out.push(`${elements.map(pythonStr).join('\t')}\n`);
  }
}

function formatDict(scalarKeys: string[] | undefined, item: Dict, identifier: string | undefined, out: string[]): void {
  const { scalars, nonScalars } = partitionDict(item, scalarKeys);
  if (scalars.length) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nonScalars) formatValue(value, out, key, undefined);
}

function allScalarKeys(dicts: Dict[]): string[] {
  const keys = new Set<string>();
  for (const dict of dicts) for (const [key, value] of Object.entries(dict)) if (!isComplex(value)) keys.add(key);
  return [...keys].sort(pythonCompare);
}

function partitionDict(item: Dict, scalarKeys: string[] | undefined): { scalars: string[]; nonScalars: [string, CliData][] } {
  const scalars: string[] = [];
  const nonScalars: [string, CliData][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort(pythonCompare)) {
      const value = item[key]!;
      if (isComplex(value)) nonScalars.push([key, value]);
      else scalars.push(pythonStr(value));
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pythonStr(item[key]!) : '');
    for (const key of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort(pythonCompare)) nonScalars.push([key, item[key]!]);
  }
  return { scalars, nonScalars };
}

/** Python sorts strings by code point; localeCompare would not. */
export function pythonCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
