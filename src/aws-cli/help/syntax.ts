/**
 * How a value of a shape is written: the "Shorthand Syntax" and "JSON Syntax" blocks of the CLI's
 * help (awscli/argprocess.py ParamShorthandDocGen), and skeleton values for --generate-cli-skeleton.
 */
import type { Shape } from '../model/shape.ts';

const MAX_DEPTH = 4;

/** Shorthand for the option's value, or undefined when shorthand does not apply (scalars, documents, lists of scalars). */
export function shorthandSyntax(shape: Shape): string | undefined {
  if (!supportsShorthand(shape)) return undefined;
  try {
    if (shape.kind === 'list') return `${shorthandDoc(shape.element, [])} ...`;
    return shorthandDoc(shape, []);
  } catch {
    return undefined;
  }
}

export function supportsShorthand(shape: Shape): boolean {
  if (containsDocument(shape, 0)) return false;
  if (shape.kind === 'structure' || shape.kind === 'map') return true;
  return shape.kind === 'list' && ['structure', 'list', 'map'].includes(shape.element.kind);
}

function containsDocument(shape: Shape, depth: number): boolean {
  if (depth > 2) return false;
  if (shape.kind === 'document') return true;
  if (shape.kind === 'list') return containsDocument(shape.element, depth + 1);
  if (shape.kind === 'map') return containsDocument(shape.value, depth + 1);
  return false;
}

function shorthandDoc(shape: Shape, stack: string[]): string {
  if (stack.length > MAX_DEPTH) throw new Error('too complex');
  switch (shape.kind) {
    case 'structure':
    case 'union': {
      const parts = shape.members.filter((m) => m.shape.kind !== 'document').map((m) => {
        if (stack.includes(m.shape.name) && !m.shape.isScalar) return `${m.name}=( ... recursive ... )`;
        return `${m.name}=${shorthandDoc(m.shape, [...stack, m.shape.name])}`;
      });
      return stack.length ? `{${parts.join(',')}}` : parts.join(',');
    }
    case 'list': {
      const element = shorthandDoc(shape.element, [...stack, shape.element.name]);
      return shape.element.isScalar && stack.length <= 1 ? `${element},${element}` : `[${element},${element}]`;
    }
    case 'map': {
      const value = shorthandDoc(shape.value, [...stack, shape.value.name]);
      const text = `KeyName1=${value},KeyName2=${value}`;
      return stack.length ? `{${text}}` : text;
    }
    default:
      return shape.enumValues?.length ? `${shape.kind}` : shape.kind;
  }
}

/** The JSON form of a value, with type names as placeholders (the help's "JSON Syntax"). */
export function jsonSyntax(shape: Shape, indent = 0, stack: string[] = []): string {
  const pad = '  '.repeat(indent + 1);
  const end = '  '.repeat(indent);
  switch (shape.kind) {
    case 'structure':
    case 'union': {
      if (stack.includes(shape.name)) return '{ ... recursive ... }';
      const lines = shape.members.map((m) => `${pad}"${m.name}": ${jsonSyntax(m.shape, indent + 1, [...stack, shape.name])}`);
      return lines.length ? `{\n${lines.join(',\n')}\n${end}}` : '{}';
    }
    case 'list':
      return `[${shape.element.isScalar ? `${jsonSyntax(shape.element, indent, stack)}, ...` : `\n${pad}${jsonSyntax(shape.element, indent + 1, stack)}\n${pad}...\n${end}`}]`;
    case 'map':
      return `{"string": ${jsonSyntax(shape.value, indent + 1, stack)}\n${end}  ...}`;
    default:
      return shape.enumValues?.length ? `"${shape.enumValues.slice(0, 6).join('"|"')}"${shape.enumValues.length > 6 ? '|…' : ''}` : shape.kind === 'string' ? '"string"' : shape.kind;
  }
}

/** A placeholder value of the right type (for --generate-cli-skeleton). */
export function skeletonValue(shape: Shape, stack: string[] = []): unknown {
  switch (shape.kind) {
    case 'structure':
    case 'union': {
      if (stack.includes(shape.name)) return {};
      return Object.fromEntries(shape.members.map((m) => [m.name, skeletonValue(m.shape, [...stack, shape.name])]));
    }
    case 'list':
      return [skeletonValue(shape.element, stack)];
    case 'map':
      return { KeyName: skeletonValue(shape.value, stack) };
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'timestamp':
      return '1970-01-01T00:00:00';
    case 'document':
      return {};
    default:
      return shape.enumValues?.[0] ?? '';
  }
}
