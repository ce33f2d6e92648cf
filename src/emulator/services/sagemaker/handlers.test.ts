/** The operation names service.ts registers are exactly the handlers handlers.ts implements. */
import { describe, expect, it } from 'vitest';
import { SAGEMAKER_HANDLERS } from './handlers.ts';
import { SAGEMAKER_OPERATIONS } from './service.ts';

describe('SageMaker handler table', () => {
  it('registers every implemented operation, and nothing else', () => {
    expect([...SAGEMAKER_OPERATIONS].sort()).toEqual(Object.keys(SAGEMAKER_HANDLERS).sort());
  });
});
