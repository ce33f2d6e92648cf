/**
 * "Try it" blocks: the AWS CLI commands a lesson asks the learner to run, written in MDX as
 *
 *   <TryIt title="Create a trail">
 *
 *   ```sh
 *   aws cloudtrail create-trail --name mlsec-demo-trail --s3-bucket-name mlsec-demo-trail-logs
 *   ```
 *
 *   </TryIt>
 *
 * They are machine-extractable on purpose: tests run every block against an emulator, so each
 * non-comment line is exactly one complete `aws …` command (no continuation lines, no shell
 * variables, no placeholders, no `--endpoint-url`: the learner's environment chooses the endpoint).
 */
import { scanLines } from './mdx-scan.ts';

export interface TryItCommand {
  /** The command exactly as written. */
  text: string;
  /** The command split into arguments the way a POSIX shell would (quotes removed), starting with `aws`. */
  argv: string[];
  /** 1-based line in the source. */
  line: number;
}

export interface TryItBlock {
  /** The block's `title` attribute, if any. */
  title?: string;
  /** 1-based line of the `<TryIt` tag. */
  line: number;
  /** The commands, in order. Comment lines (`# …`) and blank lines are left out. */
  commands: TryItCommand[];
  /** Problems that make the block unusable by a machine (empty when it is fine). */
  problems: { line: number; message: string }[];
}

/** Every `<TryIt>` block of an MDX source, in order, with its commands and any problems found. */
export function extractTryItBlocks(mdxSource: string): TryItBlock[] {
  const blocks: TryItBlock[] = [];
  let current: (TryItBlock & { fences: number }) | undefined;
  let fenceLang: string | undefined;
  for (const { line, text, inCode } of scanLines(mdxSource)) {
    if (!current) {
      const open = !inCode && /^\s*<TryIt(?=[\s>/]|$)(.*)$/.exec(text);
      if (open) {
        const title = /\btitle=(?:"([^"]*)"|'([^']*)')/.exec(open[1]!);
        current = { title: title ? (title[1] ?? title[2]) : undefined, line, commands: [], problems: [], fences: 0 };
        if (/\/>\s*$/.test(open[1]!)) {
          current.problems.push({ line, message: '<TryIt /> is empty: put a ```sh code block of aws commands inside <TryIt>…</TryIt>' });
          blocks.push(finish(current));
          current = undefined;
        }
      }
      continue;
    }
    if (!inCode && /^\s*<\/TryIt>/.test(text)) {
      blocks.push(finish(current));
      current = undefined;
      continue;
    }
    if (inCode && fenceLang === undefined) {
      // Opening fence line.
      fenceLang = /^\s*(?:`{3,}|~{3,})\s*([\w-]*)/.exec(text)?.[1] ?? '';
      current.fences++;
      if (fenceLang !== 'sh') current.problems.push({ line, message: `the code block in <TryIt> is marked "${fenceLang || '(no language)'}"; use \`\`\`sh` });
      continue;
    }
    if (inCode && /^\s*(`{3,}|~{3,})\s*$/.test(text)) {
      fenceLang = undefined;
      continue;
    }
    if (inCode) {
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      current.commands.push(parseCommand(trimmed, line, current.problems));
    }
  }
  if (current) {
    current.problems.push({ line: current.line, message: '<TryIt> is never closed: add </TryIt> after its code block' });
    blocks.push(finish(current));
  }
  return blocks;
}

function finish(block: TryItBlock & { fences: number }): TryItBlock {
  const { fences, ...rest } = block;
  if (fences === 0 && !rest.problems.some((p) => p.message.includes('empty'))) {
    rest.problems.push({ line: rest.line, message: '<TryIt> has no ```sh code block: put the aws commands in one (blank lines around it)' });
  } else if (fences > 0 && rest.commands.length === 0) {
    rest.problems.push({ line: rest.line, message: '<TryIt> has no aws commands' });
  }
  return rest;
}

function parseCommand(text: string, line: number, problems: TryItBlock['problems']): TryItCommand {
  const problem = (message: string) => problems.push({ line, message: `${message}: ${abbreviate(text)}` });
  let argv: string[] = [];
  try {
    argv = splitShellWords(text);
  } catch (error) {
    problem((error as Error).message);
  }
  if (argv[0] !== 'aws') problem('every line of a TryIt block must be one `aws …` command (comments start with #)');
  if (text.endsWith('\\')) problem('continuation lines are not allowed: write each command on one line');
  if (argv.some((a) => a === '--endpoint-url' || a.startsWith('--endpoint-url='))) {
    problem('remove --endpoint-url: the learner\'s environment (AWS_ENDPOINT_URL or a profile) chooses the endpoint');
  }
  if (/(^|[^'\\])\$[({A-Za-z_]/.test(stripSingleQuoted(text))) problem('shell variables and $(…) are not allowed: write literal values');
  if (/<[A-Za-z][\w-]*>/.test(stripSingleQuoted(text)) || /\b(?:YOUR|REPLACE)_[A-Z_]+\b/.test(text)) {
    problem('placeholders are not allowed: use a fixed name such as mlsec-demo-training-data');
  }
  if (/[|;&]|>\s*\S/.test(stripQuoted(text))) problem('pipes, redirects and command chaining are not allowed: one aws command per line');
  return { text, argv, line };
}

function stripSingleQuoted(text: string): string {
  return text.replace(/'[^']*'/g, "''");
}

function stripQuoted(text: string): string {
  return text.replace(/'[^']*'/g, "''").replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Splits one shell command line into words the way a POSIX shell does for the quoting we allow:
 * single quotes (literal), double quotes (backslash escapes \" \\ \$ \`), and backslash outside quotes.
 * Throws on an unterminated quote.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        word += line[j];
      }
      if (j >= line.length) throw new Error('unterminated double quote');
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
