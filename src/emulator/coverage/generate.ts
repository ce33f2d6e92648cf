/** `npm run emulator:coverage`: rewrites docs/emulator-coverage.md from the services' models and limitations. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILTIN_SERVICES } from '../services/registry.ts';
import { COVERAGE_FILE, renderCoverage } from './coverage.ts';

const root = resolve(import.meta.dirname, '../../..');
const file = join(root, COVERAGE_FILE);
writeFileSync(file, await renderCoverage(BUILTIN_SERVICES));
console.log(`wrote ${COVERAGE_FILE}`);
