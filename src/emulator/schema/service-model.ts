/**
 * One AWS service's API as the SDK client package defines it: every operation's name (so an
 * operation we do not emulate is still known and answered as AWS answers an unsupported action),
 * compiled operations on first use, and the modelled errors by wire code.
 */
import { compileOperation, compileShape, isErrorSchema, isOperationSchema } from './compile.ts';
import type { OperationShape, StructureShape } from './shapes.ts';

export class ServiceModel {
  /** Operation names in model order. */
  readonly operationNames: readonly string[];
  private readonly operationSchemas = new Map<string, unknown>();
  private readonly compiledOperations = new Map<string, OperationShape>();
  private readonly errorSchemas: unknown[] = [];
  private errorIndex: Map<string, StructureShape> | undefined;

  /** `exports` is a client package's module namespace (its index re-exports the schemas as `X$`). */
  constructor(exports: Record<string, unknown>) {
    const names: string[] = [];
    for (const [key, value] of Object.entries(exports)) {
      if (!key.endsWith('$')) continue;
      if (isOperationSchema(value)) {
        const name = (value as unknown[])[2] as string;
        this.operationSchemas.set(name, value);
        names.push(name);
      } else if (isErrorSchema(value)) {
        this.errorSchemas.push(value);
      }
    }
    if (names.length === 0) throw new Error('emulator schema: the client package exports no operation schemas');
    this.operationNames = names.sort();
  }

  has(operation: string): boolean {
    return this.operationSchemas.has(operation);
  }

  operation(name: string): OperationShape {
    let op = this.compiledOperations.get(name);
    if (!op) {
      const schema = this.operationSchemas.get(name);
      if (!schema) throw new Error(`emulator schema: no operation named ${name}`);
      op = compileOperation(schema);
      this.compiledOperations.set(name, op);
    }
    return op;
  }

  /** The modelled error a wire code names: by shape name or by its awsQuery code. */
  error(code: string): StructureShape | undefined {
    if (!this.errorIndex) {
      this.errorIndex = new Map();
      for (const schema of this.errorSchemas) {
        const shape = compileShape(schema) as StructureShape;
        this.errorIndex.set(shape.name, shape);
        if (shape.error?.queryCode && !this.errorIndex.has(shape.error.queryCode)) {
          this.errorIndex.set(shape.error.queryCode, shape);
        }
      }
    }
    return this.errorIndex.get(code);
  }
}
