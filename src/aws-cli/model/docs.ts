/**
 * Documentation and member type names from the SDK's own type declarations (`dist-types`), which
 * carry the AWS API reference text as JSDoc. The runtime schemas have no documentation and no enum
 * names, so help and the completion of enum values read them from here — best effort: without the
 * declarations, help says so and completion offers no enum values.
 */
import { listPackageFiles, readPackageFile } from './sdk-files.ts';

export interface MemberDoc {
  /** Plain text (HTML of the API reference turned into paragraphs). */
  doc?: string;
  /** The declared TypeScript type, e.g. `ObjectCannedACL | undefined`, `Filter[] | undefined`. */
  type: string;
}

export interface ServiceDocs {
  /** Documentation of an operation, by its API name (`PutBucketPolicy`). */
  operation(name: string): string | undefined;
  /** Documentation and declared type of a structure's member (`PutObjectRequest`, `ACL`). */
  member(structure: string, member: string): MemberDoc | undefined;
  /** True when the declarations were found at all. */
  readonly available: boolean;
}

const cache = new Map<string, ServiceDocs>();

export function serviceDocs(packageName: string): ServiceDocs {
  let docs = cache.get(packageName);
  if (!docs) {
    docs = loadDocs(packageName);
    cache.set(packageName, docs);
  }
  return docs;
}

function loadDocs(packageName: string): ServiceDocs {
  let interfaces: Map<string, Map<string, MemberDoc>> | undefined;
  const operations = new Map<string, string | undefined>();
  const modelFiles = listPackageFiles(packageName, 'dist-types/models').filter((f) => f.endsWith('.d.ts'));
  const members = () => {
    if (!interfaces) {
      interfaces = new Map();
      for (const file of modelFiles) parseInterfaces(readPackageFile(packageName, `dist-types/models/${file}`) ?? '', interfaces);
    }
    return interfaces;
  };
  return {
    available: modelFiles.length > 0,
    operation(name) {
      if (!operations.has(name)) {
        const source = readPackageFile(packageName, `dist-types/commands/${name}Command.d.ts`);
        operations.set(name, source === undefined ? undefined : commandDoc(source, name));
      }
      return operations.get(name);
    },
    member(structure, member) {
      return members().get(structure)?.get(member);
    },
  };
}

function commandDoc(source: string, name: string): string | undefined {
  const base = source.indexOf(`declare const ${name}Command_base`);
  const start = source.indexOf('/**', base < 0 ? 0 : base);
  if (start < 0) return undefined;
  const end = source.indexOf('*/', start);
  const text = jsdocText(source.slice(start + 3, end));
  return text.split('\n@')[0]?.trim() || undefined;
}

function parseInterfaces(source: string, into: Map<string, Map<string, MemberDoc>>): void {
  const lines = source.split('\n');
  let current: Map<string, MemberDoc> | undefined;
  let comment: string[] | undefined;
  let pendingDoc: string | undefined;
  for (const line of lines) {
    if (!current) {
      const open = /^export interface (\w+) \{/.exec(line);
      if (open) {
        current = new Map();
        into.set(open[1]!, current);
        pendingDoc = undefined;
      }
      continue;
    }
    if (line.startsWith('}')) {
      current = undefined;
      continue;
    }
    const trimmed = line.trim();
    if (comment) {
      if (trimmed.endsWith('*/')) {
        pendingDoc = jsdocText(comment.join('\n'));
        comment = undefined;
      } else comment.push(trimmed);
      continue;
    }
    if (trimmed.startsWith('/**')) {
      if (trimmed.endsWith('*/')) pendingDoc = jsdocText(trimmed.slice(3, -2));
      else comment = [trimmed.slice(3)];
      continue;
    }
    const member = /^(\w+)\??: (.*);$/.exec(trimmed);
    if (member) {
      current.set(member[1]!, { doc: pendingDoc, type: member[2]! });
      pendingDoc = undefined;
    }
  }
}

/** JSDoc body (with leading `*`) holding API-reference HTML → plain text paragraphs; tags like `@public` dropped. */
export function jsdocText(body: string): string {
  const raw = body
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .filter((l) => !/^@\w+/.test(l.trim()))
    .join('\n');
  return htmlToText(raw);
}

export function htmlToText(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/<li>\s*(<p>)?\s*/gi, '\n- ')
    .replace(/\s*<\/p>\s*<\/li>/gi, '\n')
    .replace(/<\/?(p|note|important|dl|dd|dt)>/gi, '\n\n')
    .replace(/<\/?(li|ul|ol)>/gi, '\n')
    .replace(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first sentence of a documentation text, for one-line listings. */
export function firstSentence(text: string | undefined, max = 100): string {
  if (!text) return '';
  const paragraph = text.split('\n')[0] ?? '';
  const sentence = /^.*?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}
