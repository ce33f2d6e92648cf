/**
 * Where the join form shows a refusal (src/islands/workshops/JoinForm.tsx): unknown code and a full
 * or ended workshop next to the code, a taken or invalid name next to the name.
 */
import { describe, expect, it } from 'vitest';
import { problemOf } from '../../../src/islands/workshops/JoinForm.tsx';
import { WorkshopApiError } from '../../../src/islands/workshops/workshop-client.ts';

describe('join refusals', () => {
  it('puts an unknown code next to the code field, with what to do', () => {
    const p = problemOf(new WorkshopApiError(404, 'NotFound', 'There is no workshop with that code'));
    expect(p).toEqual({ field: 'code', text: 'There is no workshop with that code. Check the code with your instructor.' });
  });
  it('puts a full or ended workshop next to the code field', () => {
    expect(problemOf(new WorkshopApiError(409, 'WorkshopFull', 'The workshop is full (30 of 30 learners).')).field).toBe('code');
    expect(problemOf(new WorkshopApiError(409, 'WorkshopEnded', 'The workshop has ended.')).field).toBe('code');
  });
  it('puts a taken display name next to the name field', () => {
    expect(problemOf(new WorkshopApiError(409, 'Conflict', 'The display name “Ada” is already taken in this workshop.'))).toEqual({ field: 'name', text: 'The display name “Ada” is already taken in this workshop.' });
  });
  it('puts validation issues on the field they name, and anything else on the form', () => {
    expect(problemOf(new WorkshopApiError(400, 'ValidationFailed', 'bad', [{ path: 'displayName', message: 'Too long' }]))).toEqual({ field: 'name', text: 'Too long' });
    expect(problemOf(new WorkshopApiError(429, 'RateLimited', 'Too many join attempts.')).field).toBe('form');
    expect(problemOf(new Error('boom'))).toEqual({ field: 'form', text: 'boom' });
  });
});
