/** Minimal, fast XML text building for responses: escaping and element helpers. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;' };
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"'\r\n]/;

/** Escapes element text. Characters XML 1.0 cannot carry at all are dropped. */
export function escapeText(text: string): string {
  const cleaned = stripInvalidChars(text);
  return TEXT_SPECIAL.test(cleaned) ? cleaned.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : cleaned;
}

export function escapeAttribute(text: string): string {
  const cleaned = stripInvalidChars(text);
  return ATTR_SPECIAL.test(cleaned) ? cleaned.replace(/[&<>"'\r\n]/g, (c) => ESCAPES[c]!) : cleaned;
}

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function stripInvalidChars(text: string): string {
  INVALID_XML_CHARS.lastIndex = 0;
  return INVALID_XML_CHARS.test(text) ? text.replace(INVALID_XML_CHARS, '') : text;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** `<name attrs>inner</name>`, where `inner` is already-escaped XML. */
export function element(name: string, inner: string, attributes = ''): string {
  return `<${name}${attributes}>${inner}</${name}>`;
}

export function textElement(name: string, text: string): string {
  return `<${name}>${escapeText(text)}</${name}>`;
}
