/**
 * CSV as RFC 4180 writes it (comma, CRLF, fields quoted when they hold a comma, quote, CR or LF;
 * quotes doubled), plus a guard for spreadsheet users: a text cell that starts with = + - @ (or a
 * tab / carriage return) would run as a formula in Excel or LibreOffice, so it gets a leading
 * apostrophe. Numbers are written as numbers and never prefixed.
 */
export type CsvValue = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
