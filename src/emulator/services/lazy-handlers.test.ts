import { describe, expect, it } from 'vitest';
import { loadHandlerTable } from './lazy-handlers.ts';
import { BUILTIN_SERVICES } from './registry.ts';

// Each service lists its operation names up front (routing, coverage, UnknownOperation answers) and
// loads the handlers behind them on first use: the two must name exactly the same operations.
describe('lazily loaded handlers', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`${service.id}: the listed operations are exactly the ones its handlers implement`, async () => {
      const table = await loadHandlerTable(service.handlers);
      expect(table, `${service.id} should register its handlers with lazyHandlers`).toBeDefined();
      expect(Object.keys(service.handlers).sort()).toEqual(Object.keys(table!).sort());
      for (const name of Object.keys(table!)) expect(typeof table![name], `${service.id} ${name}`).toBe('function');
    });
  }
});
