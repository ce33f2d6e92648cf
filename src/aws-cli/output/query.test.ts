import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../errors.ts';
import { applyQuery, checkQuery } from './query.ts';

const data = {
  Vpcs: [
    { VpcId: 'vpc-1', IsDefault: true, Tags: [{ Key: 'Name', Value: 'default' }] },
    { VpcId: 'vpc-2', IsDefault: false, Tags: [{ Key: 'Name', Value: 'ml' }] },
  ],
};

describe('--query (JMESPath)', () => {
  it.each<[string, unknown]>([
    ['Vpcs[].VpcId', ['vpc-1', 'vpc-2']],
    ['Vpcs[?IsDefault].VpcId | [0]', 'vpc-1'],
    ["Vpcs[?Tags[?Key=='Name' && Value=='ml']].VpcId", ['vpc-2']],
    ['length(Vpcs)', 2],
    ['Vpcs[].{id: VpcId, default: IsDefault}', [{ id: 'vpc-1', default: true }, { id: 'vpc-2', default: false }]],
    ['sort_by(Vpcs, &VpcId)[-1].VpcId', 'vpc-2'],
    ['Missing', null],
  ])('%s', (expression, expected) => {
    checkQuery(expression);
    expect(applyQuery(data, expression)).toEqual(expected);
  });

  it('refuses an expression that does not parse, before calling AWS', () => {
    expect(() => checkQuery('Vpcs[')).toThrow(CliUsageError);
    expect(() => checkQuery('Vpcs[')).toThrow(/Bad value for --query Vpcs\[/);
  });
});
