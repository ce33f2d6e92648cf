/** --query: JMESPath (the `jmespath` package, the reference implementation the CLI's jmespath.py mirrors). */
import jmespath from 'jmespath';

// The package has compile(); its type declarations only list search().
const { compile } = jmespath as unknown as { compile(expression: string): unknown };
import { CliUsageError } from '../errors.ts';
import type { CliData } from './normalize.ts';

/** Throws a usage error naming the problem when the expression does not parse. */
export function checkQuery(expression: string): void {
  try {
    compile(expression);
  } catch (error) {
    throw new CliUsageError(`Bad value for --query ${expression}: ${(error as Error).message}. JMESPath examples: 'Buckets[].Name', 'Vpcs[?IsDefault].VpcId', 'length(Roles)'`);
  }
}

export function applyQuery(data: CliData, expression: string): CliData {
  try {
    return jmespath.search(data as never, expression) as CliData;
  } catch (error) {
    throw new CliUsageError(`--query ${expression}: ${(error as Error).message}`);
  }
}
