/**
 * `--output table`, as the AWS CLI draws it (awscli/formatter.py TableFormatter + awscli/table.py):
 * a titled section per structure, scalar members as a header row and a value row (a single scalar
 * as "key | value"), lists of structures as rows under one header, nested members as indented
 * sub-sections. When the widest section does not fit the terminal, single-row sections turn
 * vertical, as in the CLI. Plain ASCII borders, no colour.
 */
import type { CliData } from './normalize.ts';
import { pythonStr, roundHalfEven, textWidth } from './python-str.ts';
import { pythonCompare } from './text.ts';

type Dict = { [key: string]: CliData };
const isDict = (v: CliData): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: CliData) => typeof v !== 'object' || v === null;

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private columns: number | undefined;
  private maxWidths: number[] = [];

  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = [...scaled.keys()];
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]!--;
          offBy--;
        } else {
          scaled[i]!++;
          offBy++;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding = 0, withBorder = false, outerPadding = 0): number {
    let total = this.columnWidths().reduce((sum, w) => sum + w + padding, 0);
    if (withBorder) total += 2;
    total += outerPadding * 2;
    return Math.max(textWidth(this.title) + 2 + outerPadding * 2, total);
  }

  addHeader(headers: string[]): void {
    this.updateWidths(headers);
    this.columns ??= headers.length;
    this.headers = headers;
  }

  addRow(row: CliData[]): void {
    this.columns ??= row.length;
    if (row.length !== this.columns) throw new Error(`Row should have ${this.columns} elements, instead it has ${row.length}`);
    const cells = row.map((r) => pythonStr(r));
    this.rows.push(cells);
    this.updateWidths(cells);
  }

  private updateWidths(row: string[]): void {
    if (this.maxWidths.length === 0) this.maxWidths = row.map(textWidth);
    else row.forEach((cell, i) => (this.maxWidths[i] = Math.max(textWidth(cell), this.maxWidths[i] ?? 0)));
  }
}

class MultiTable {
  private sections: Section[] = [];
  private current: Section | undefined;
  private readonly terminalWidth: number;

  constructor(terminalWidth: number) {
    this.terminalWidth = terminalWidth;
  }

  newSection(title: string, indentLevel = 0): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  addRowHeader(headers: string[]): void {
    this.current!.addHeader(headers);
  }

  addRow(row: CliData[]): void {
    this.current!.addRow(row);
  }

  render(): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      this.toVertical();
      maxWidth = this.maxWidth();
    }
    const out: string[] = [`${'-'.repeat(maxWidth)}\n`];
    for (const section of this.sections) this.renderSection(section, maxWidth, out);
    return out.join('');
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }

  private toVertical(): void {
    this.sections = this.sections.map((section) => {
      if (section.rows.length !== 1 || section.headers.length === 0) return section;
      const vertical = new Section();
      vertical.title = section.title;
      vertical.indentLevel = section.indentLevel;
      section.headers.forEach((header, i) => vertical.addRow([header, section.rows[0]![i]!]));
      return vertical;
    });
  }

  private renderSection(section: Section, maxWidth: number, out: string[]): void {
    const indent = '|'.repeat(section.indentLevel);
    const write = (line: string) => out.push(`${indent}${line}${indent}\n`);
    const width = maxWidth - section.indentLevel * 2;
    if (section.title) {
      write(centerText(section.title, width, '|', '|'));
      if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(width - 2)}+`);
    }
    if (section.headers.length) {
      const widths = section.columnWidths(4, width);
      write(lineBreak(widths));
      write(widths.map((w, i) => centerText(section.headers[i]!, w, i === 0 ? '|' : '', '|')).join(''));
    }
    if (section.rows.length) {
      const widths = section.columnWidths(4, width);
      if (widths.length === 0) return;
      write(lineBreak(widths));
      for (const row of section.rows) write(widths.map((w, i) => alignLeft(row[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
      write(lineBreak(widths));
    }
  }
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join('');
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string): string {
  const textLength = textWidth(text);
  const start = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  const left = `${leftEdge}${' '.repeat(Math.max(0, start))}${text}`;
  const soFar = textWidth(leftEdge) + start + textLength;
  const rightSpaces = length - textWidth(rightEdge) - soFar;
  return `${left}${' '.repeat(Math.max(0, rightSpaces))}${rightEdge}`;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string, leftPadding = 2): string {
  const textLength = textWidth(text);
  const computed = textLength + leftPadding + textWidth(leftEdge) + textWidth(rightEdge);
  const padding = length - computed >= 0 ? leftPadding : 0;
  const soFar = leftEdge.length + padding + textLength;
  return `${leftEdge}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - rightEdge.length))}${rightEdge}`;
}

/** Renders data as the CLI's table; `title` is the operation name (`ListBuckets`). Empty data renders nothing. */
export function formatTable(title: string, data: CliData, terminalWidth = 80): string {
  const table = new MultiTable(terminalWidth);
  if (!build(table, title, data, 0)) return '';
  return table.render();
}

function build(table: MultiTable, title: string | undefined, current: CliData, indentLevel: number): boolean {
  // Python truthiness, as the CLI tests it: 0, "", false, null, [] and {} draw nothing.
  if (!current || (Array.isArray(current) && current.length === 0) || (isDict(current) && Object.keys(current).length === 0)) return false;
  if (title !== undefined) table.newSection(title, indentLevel);
  if (Array.isArray(current)) {
    if (isDict(current[0]!)) buildFromList(table, current, indentLevel, title);
    else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        else if (Array.isArray(item) && item.every(isScalar)) table.addRow(item);
        else build(table, undefined, item, 0);
      }
    }
  } else if (isDict(current)) {
    buildFromDict(table, current, indentLevel);
  }
  // A bare scalar (from --query) draws only the title, exactly as the CLI does.
  return true;
}

function buildFromDict(table: MultiTable, current: Dict, indentLevel: number): void {
  const [headers, more] = groupScalarKeys(current);
  if (headers.length === 1) table.addRow([headers[0]!, current[headers[0]!]!]);
  else if (headers.length) {
    table.addRowHeader(headers);
    table.addRow(headers.map((h) => current[h]!));
  }
  for (const key of more) build(table, key, current[key]!, indentLevel + 1);
}

function buildFromList(table: MultiTable, current: CliData[], indentLevel: number, title: string | undefined): void {
  const headerSet = new Set<string>();
  const moreSet = new Set<string>();
  for (const item of current) {
    if (!isDict(item)) continue;
    const [h, m] = groupScalarKeys(item);
    h.forEach((k) => headerSet.add(k));
    m.forEach((k) => moreSet.add(k));
  }
  const headers = [...headerSet].sort(pythonCompare);
  const more = [...moreSet].sort(pythonCompare);
  table.addRowHeader(headers);
  let first = true;
  for (const element of current) {
    if (!isDict(element)) continue;
    if (!first && more.length) {
      table.newSection(title ?? '', indentLevel);
      table.addRowHeader(headers);
    }
    first = false;
    table.addRow(headers.map((h) => (h in element ? element[h]! : '')));
    for (const key of more) if (key in element) build(table, key, element[key]!, indentLevel + 1);
  }
}

function groupScalarKeys(current: Dict): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of Object.keys(current)) (isScalar(current[key]!) ? headers : more).push(key);
  return [headers.sort(pythonCompare), more.sort(pythonCompare)];
}
