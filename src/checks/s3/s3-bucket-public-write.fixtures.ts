import { exposureFixtures } from '../fixtures/exposure.ts';

export const fixtures = exposureFixtures('write');
