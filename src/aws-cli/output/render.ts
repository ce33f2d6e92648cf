/** One entry point for every --output format. */
import { stringify } from 'yaml';
import type { OutputFormat } from '../command-line/global-options.ts';
import type { CliData } from './normalize.ts';
import { formatTable } from './table.ts';
import { formatText } from './text.ts';

export interface RenderOptions {
  format: OutputFormat;
  /** Operation name, the table's title. */
  title: string;
  /** Columns of the terminal (the table turns vertical when it would be wider); 80 like the CLI off a tty. */
  terminalWidth?: number;
}

export function renderOutput(data: CliData, options: RenderOptions): string {
  switch (options.format) {
    case 'json':
      // The CLI prints nothing for an empty response ({}), but prints other empty values.
      if (isEmptyObject(data)) return '';
      return `${JSON.stringify(data, null, 4)}\n`;
    case 'text':
      if (isEmptyObject(data)) return '';
      return formatText(data);
    case 'table':
      return formatTable(options.title, data, options.terminalWidth ?? 80);
    case 'yaml':
    case 'yaml-stream': {
      if (isEmptyObject(data)) return '';
      const text = stringify(data, { indentSeq: false, lineWidth: 0 });
      return options.format === 'yaml-stream' ? `- ${text.trimEnd().replaceAll('\n', '\n  ')}\n` : text;
    }
  }
}

function isEmptyObject(data: CliData): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length === 0;
}
