/** The Logs Insights subset: robustness on arbitrary text and the commands it reads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInsightsQuery } from './insights-engine.ts';
import { parseQuery, QueryError } from './insights-parser.ts';

describe('Logs Insights parser', () => {
  it('answers any text with commands or a QueryError with a position inside the query', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom('fields', 'filter', 'stats', 'sort', 'limit', '|', 'by', 'bin(5m)', 'count(*)', '@message', 'like', '/x/', '"y"', '=', 'and', 'not', '(', ')', ',', '10', 'desc')).map((t) => t.join(' '))), (query) => {
        try {
          parseQuery(query);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          const e = error as QueryError;
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(query.length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('counts and averages like a plain reference', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ v: fc.integer({ min: 0, max: 1000 }), g: fc.constantFrom('a', 'b') }), { minLength: 1, maxLength: 30 }), (rows) => {
        const events = rows.map((r, i) => ({ timestamp: 1_700_000_000_000 + i, message: JSON.stringify(r), ingestionTime: 0, logStream: 's', log: 'acct:g', ptr: String(i) }));
        const out = runInsightsQuery(parseQuery('stats count(*) as n, sum(v) as total by g | sort g'), events, 10_000);
        for (const g of ['a', 'b']) {
          const mine = rows.filter((r) => r.g === g);
          const row = out.rows.find((r) => r[0]!.value === g);
          if (!mine.length) expect(row).toBeUndefined();
          else expect(row).toEqual([{ field: 'g', value: g }, { field: 'n', value: String(mine.length) }, { field: 'total', value: String(mine.reduce((s, r) => s + r.v, 0)) }]);
        }
      }),
    );
  });

  it('reads every supported command', () => {
    const commands = parseQuery('fields @timestamp, @message as m | parse @message "user=* " as user | filter user like /a/ and not (status in [500, 502]) or ispresent(x) | stats pct(latency, 99), count_distinct(user) by bin(5m) | sort @timestamp desc | limit 20 | display user');
    expect(commands.map((c) => c.type)).toEqual(['fields', 'parse', 'filter', 'stats', 'sort', 'limit', 'display']);
  });

  it('takes RE2-style inline flags such as (?i) at the start of a regular expression', () => {
    const events = ['ERROR: timeout', 'error in model', 'all fine'].map((message, i) => ({ timestamp: 1_700_000_000_000 + i, message, ingestionTime: 0, logStream: 's', log: 'acct:g', ptr: String(i) }));
    const out = runInsightsQuery(parseQuery('filter @message like /(?i)error/ | stats count(*) as errors'), events, 10_000);
    expect(out.rows).toEqual([[{ field: 'errors', value: '2' }]]);
  });

  it.each([
    ['dedup @message', "The Logs Insights command 'dedup' is not supported by this emulator"],
    ['stats median(x)', "The stats function 'median' is not supported by this emulator"],
    ['fields', 'the query ends where a field name was expected'],
    ['limit 0', 'unexpected symbol found 0 at line 1 and position 7; expected a number from 1 to 10000'],
    ['filter x = ', 'the query ends where a value was expected'],
    ['fields a |', 'the query ends where a command after | was expected'],
  ])('refuses %s', (query, message) => {
    expect(() => parseQuery(query)).toThrow(message);
  });
});
