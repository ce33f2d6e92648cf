/**
 * A small, strict XML reader for request bodies (S3 configurations, ACLs, tagging …). It builds a
 * plain element tree, strips namespace prefixes, and refuses what AWS refuses too: DTDs (and so
 * entity expansion attacks), unbalanced tags, junk after the root, absurd nesting.
 */

export interface XmlElement {
  /** Local name (namespace prefix removed). */
  readonly name: string;
  /** Attributes by local name (`xsi:type` → `type`); namespace declarations are dropped. */
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const MAX_DEPTH = 64;
const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function decodeEntities(text: string, at: number): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,12});|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlSyntaxError(`unescaped '&' near offset ${at}`);
    if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16), at);
    if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10), at);
    const named = PREDEFINED[ref];
    if (named === undefined) throw new XmlSyntaxError(`unknown entity '${whole}' near offset ${at}`);
    return named;
  });
}

function codePoint(n: number, at: number): string {
  if (!Number.isFinite(n) || n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) {
    throw new XmlSyntaxError(`invalid character reference near offset ${at}`);
  }
  return String.fromCodePoint(n);
}

/** Parses a whole document and returns its root element. */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const len = source.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const fail = (what: string): never => {
    throw new XmlSyntaxError(`${what} at offset ${pos}`);
  };

  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(source);
    if (!m) return fail('expected a name');
    pos += m[0].length;
    return m[0];
  };

  const skipSpace = () => {
    while (pos < len) {
      const c = source.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };

  if (source.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < len) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? len : lt;
    if (textEnd > pos) {
      const raw = source.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(raw, pos);
      else if (raw.trim() !== '') fail(root ? 'content after the root element' : 'text before the root element');
      pos = textEnd;
      if (lt === -1) break;
    }
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end === -1) fail('unterminated comment');
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos + 9);
      if (end === -1) fail('unterminated CDATA section');
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      top!.text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos + 2);
      if (end === -1) fail('unterminated processing instruction');
      pos = end + 2;
    } else if (source.startsWith('<!', pos)) {
      fail('DTDs and declarations are not allowed');
    } else if (source.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (source[pos] !== '>') fail(`expected '>' to close </${name}`);
      pos++;
      const open = stack.pop();
      if (!open) fail(`unexpected closing tag </${name}>`);
      if (open!.name !== localName(name)) fail(`closing tag </${name}> does not match <${open!.name}>`);
    } else {
      pos++;
      const qname = readName();
      const attributes: Record<string, string> = {};
      for (;;) {
        const before = pos;
        skipSpace();
        if (source.startsWith('/>', pos) || source[pos] === '>') break;
        if (pos === before) fail(`expected whitespace in <${qname}>`);
        const attrName = readName();
        skipSpace();
        if (source[pos] !== '=') fail(`expected '=' after attribute ${attrName}`);
        pos++;
        skipSpace();
        const quote = source[pos];
        if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attrName}`);
        const end = source.indexOf(quote!, pos + 1);
        if (end === -1) fail(`unterminated value of attribute ${attrName}`);
        const value = source.slice(pos + 1, end);
        if (value.includes('<')) fail(`'<' in the value of attribute ${attrName}`);
        if (attrName !== 'xmlns' && !attrName.startsWith('xmlns:')) attributes[localName(attrName)] = decodeEntities(value, pos);
        pos = end + 1;
      }
      const selfClosing = source[pos] === '/';
      pos += selfClosing ? 2 : 1;
      const el: XmlElement = { name: localName(qname), attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
        stack.push(el);
      }
    }
  }
  if (stack.length) throw new XmlSyntaxError(`unclosed element <${stack[stack.length - 1]!.name}> at end of document`);
  if (!root) throw new XmlSyntaxError('the document has no root element');
  return root;
}

/** The first child with a given local name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}
