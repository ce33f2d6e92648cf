import { dataEventFixtures } from '../fixtures/data-events.ts';

export const fixtures = dataEventFixtures('write');
