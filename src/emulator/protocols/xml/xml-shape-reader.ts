/**
 * Reads typed input from an XML element tree following the model's XML traits — the inverse of
 * `XmlShapeWriter`. Used for restXml request bodies (S3 bucket configurations, tagging, ACLs …).
 */
import { type InputProblem, missing, pathSegment } from '../../core/validation.ts';
import type { Member, Shape, StructureShape } from '../../schema/shapes.ts';
import { INVALID, parseBase64, parseBoolean, parseNumber, parseTimestamp } from '../values.ts';
import type { XmlElement } from './xml-reader.ts';

export class XmlShapeReader {
  readonly problems: InputProblem[] = [];

  structure(shape: StructureShape, el: XmlElement, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const member of shape.members) {
      const name = member.traits.xmlName ?? member.name;
      const memberPath = path + pathSegment(member.name);
      let value: unknown;
      if (member.traits.xmlAttribute) {
        const attr = el.attributes[name.includes(':') ? name.slice(name.indexOf(':') + 1) : name];
        value = attr === undefined ? undefined : this.scalar(member.shape, attr, memberPath);
      } else {
        value = this.member(member, el, memberPath);
      }
      if (value !== undefined) out[member.name] = value;
      else if (member.required) this.problems.push(missing(memberPath, name));
    }
    return out;
  }

  private member(member: Member, parent: XmlElement, path: string): unknown {
    const name = member.traits.xmlName ?? member.name;
    const shape = member.shape;
    if (shape.type === 'list') {
      if (member.traits.xmlFlattened) {
        const items = parent.children.filter((c) => c.name === name);
        return items.length ? items.map((c, i) => this.value(shape.member.shape, c, `${path}.${i + 1}.member`)).filter((v) => v !== undefined) : undefined;
      }
      const container = parent.children.find((c) => c.name === name);
      return container ? this.listItems(shape.member, container, path) : undefined;
    }
    if (shape.type === 'map') {
      const entries = member.traits.xmlFlattened ? parent.children.filter((c) => c.name === name) : parent.children.find((c) => c.name === name)?.children.filter((c) => c.name === 'entry');
      if (!entries) return undefined;
      const keyName = shape.key.traits.xmlName ?? 'key';
      const valueName = shape.value.traits.xmlName ?? 'value';
      const out: Record<string, unknown> = {};
      for (const entry of entries) {
        const k = entry.children.find((c) => c.name === keyName)?.text;
        const v = entry.children.find((c) => c.name === valueName);
        if (k !== undefined && v) out[k] = this.value(shape.value.shape, v, `${path}.${k}`);
      }
      return out;
    }
    const el = parent.children.find((c) => c.name === name);
    return el ? this.value(shape, el, path) : undefined;
  }

  private listItems(item: Member, container: XmlElement, path: string): unknown[] {
    const itemName = item.traits.xmlName ?? 'member';
    const out: unknown[] = [];
    let i = 0;
    for (const c of container.children) {
      if (c.name !== itemName) continue;
      const v = this.value(item.shape, c, `${path}.${++i}.member`);
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  value(shape: Shape, el: XmlElement, path: string): unknown {
    switch (shape.type) {
      case 'structure':
        return this.structure(shape, el, path ? `${path}.` : '');
      case 'list':
        return this.listItems(shape.member, el, path);
      case 'map':
        return this.member({ name: el.name, shape, required: false, traits: {} }, { name: '', attributes: {}, children: [el], text: '' }, path);
      default:
        return this.scalar(shape, el.text, path);
    }
  }

  private scalar(shape: Shape, text: string, path: string): unknown {
    let parsed: unknown;
    switch (shape.type) {
      case 'string': return text;
      case 'number': parsed = parseNumber(text.trim()); break;
      case 'boolean': parsed = parseBoolean(text.trim()); break;
      case 'timestamp': parsed = parseTimestamp(text); break;
      case 'blob': parsed = parseBase64(text); break;
      default: return text;
    }
    if (parsed === INVALID) {
      this.problems.push({ path, kind: 'type', value: text, constraint: `Member must be a valid ${shape.type}` });
      return undefined;
    }
    return parsed;
  }
}
