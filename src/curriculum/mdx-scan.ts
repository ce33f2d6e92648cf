/**
 * A small line scanner for lesson MDX: headings (with the ids the site gives them), links, explicit
 * `id` attributes, components used and inline SVGs. It understands fenced code blocks and inline
 * code, which is all the validator needs; it is not a full MDX parser.
 */
import GithubSlugger from 'github-slugger';

export interface SourceLine {
  /** 1-based line number within the scanned text. */
  line: number;
  text: string;
  /** Whether the line is inside a fenced code block (fence lines included). */
  inCode: boolean;
}

/** Lines of `source`, each marked as inside or outside a fenced code block. */
export function scanLines(source: string): SourceLine[] {
  const result: SourceLine[] = [];
  let fence: { char: string; length: number } | undefined;
  source.split(/\r?\n/).forEach((text, index) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (!fence && opener) {
      fence = { char: opener[1]![0]!, length: opener[1]!.length };
      result.push({ line: index + 1, text, inCode: true });
      return;
    }
    if (fence) {
      const closer = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(text);
      if (closer && closer[1]![0] === fence.char && closer[1]!.length >= fence.length) fence = undefined;
      result.push({ line: index + 1, text, inCode: true });
      return;
    }
    result.push({ line: index + 1, text, inCode: false });
  });
  return result;
}

/** The line with inline code spans blanked out (same length, so columns stay put). */
function withoutInlineCode(text: string): string {
  return text.replace(/(`+)([\s\S]*?)\1/g, (m) => ' '.repeat(m.length));
}

export interface Heading {
  depth: number;
  /** Plain text of the heading, as a reader sees it. */
  text: string;
  /** The `id` the site gives the heading (GitHub-style slug, de-duplicated with -1, -2 …). */
  slug: string;
  line: number;
}

/** Markdown inline syntax reduced to the text a reader sees (what the heading id is made from). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(`+)([\s\S]*?)\1/g, '$2')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .trim();
}

/** ATX headings (`## Title`) outside code, with the slugs Astro's heading-id step produces. */
export function extractHeadings(source: string): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  for (const { line, text, inCode } of scanLines(source)) {
    if (inCode) continue;
    const m = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (!m) continue;
    const plain = plainText(m[2]!);
    headings.push({ depth: m[1]!.length, text: plain, slug: slugger.slug(plain), line });
  }
  return headings;
}

export interface Link {
  href: string;
  line: number;
}

/** Link targets outside code: markdown links and `href="…"` attributes of HTML/JSX elements. */
export function extractLinks(source: string): Link[] {
  const links: Link[] = [];
  for (const { line, text, inCode } of scanLines(source)) {
    if (inCode) continue;
    const visible = withoutInlineCode(text);
    for (const m of visible.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ href: m[1]!, line });
    for (const m of visible.matchAll(/\bhref=(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g)) {
      links.push({ href: (m[1] ?? m[2] ?? m[3])!, line });
    }
  }
  return links;
}

/** Values of explicit `id="…"` attributes outside code (anchors besides headings). */
export function extractExplicitIds(source: string): { id: string; line: number }[] {
  const ids: { id: string; line: number }[] = [];
  for (const { line, text, inCode } of scanLines(source)) {
    if (inCode) continue;
    for (const m of withoutInlineCode(text).matchAll(/\sid=(?:"([^"]+)"|'([^']+)')/g)) ids.push({ id: (m[1] ?? m[2])!, line });
  }
  return ids;
}

/** Capitalised JSX element names used outside code (`<TryIt>` → `TryIt`), with the first line of each. */
export function extractComponentNames(source: string): { name: string; line: number }[] {
  const seen = new Map<string, number>();
  for (const { line, text, inCode } of scanLines(source)) {
    if (inCode) continue;
    for (const m of withoutInlineCode(text).matchAll(/<([A-Z][A-Za-z0-9]*)(?=[\s/>]|$)/g)) {
      if (!seen.has(m[1]!)) seen.set(m[1]!, line);
    }
  }
  return [...seen].map(([name, line]) => ({ name, line }));
}

export interface InlineSvg {
  line: number;
  /** The `<svg …>` opening tag, joined onto one line. */
  openingTag: string;
  /** Everything between `<svg` and `</svg>`. */
  markup: string;
}

/** Inline `<svg>` elements outside code, so the validator can check they are labelled for screen readers. */
export function extractInlineSvgs(source: string): InlineSvg[] {
  const svgs: InlineSvg[] = [];
  const lines = scanLines(source);
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i]!;
    if (start.inCode) continue;
    const at = start.text.indexOf('<svg');
    if (at < 0) continue;
    let markup = start.text.slice(at);
    let j = i;
    while (!markup.includes('</svg>') && j + 1 < lines.length) markup += `\n${lines[++j]!.text}`;
    const end = markup.indexOf('>');
    svgs.push({ line: start.line, openingTag: markup.slice(0, end + 1).replace(/\s+/g, ' '), markup });
    i = j;
  }
  return svgs;
}
