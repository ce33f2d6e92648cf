/** --generate-cli-skeleton: the operation's input (or output) as a JSON (or YAML) template to fill in. */
import { stringify } from 'yaml';
import type { OperationModel } from '../model/service-model.ts';
import { skeletonValue } from './syntax.ts';

export function skeletonOf(operation: OperationModel, kind: 'input' | 'output' | 'yaml-input'): string {
  const shape = kind === 'output' ? operation.output : operation.input;
  const value = Object.fromEntries(
    shape.members.filter((m) => !(m.shape.kind === 'blob' && m.shape.streaming)).map((m) => [m.name, skeletonValue(m.shape, [shape.name])]),
  );
  if (kind === 'yaml-input') return stringify(value, { indentSeq: false });
  return `${JSON.stringify(value, null, 4)}\n`;
}
