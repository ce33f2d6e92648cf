/** What the workshop API accepts, as zod schemas (strict: unknown fields are refused). */
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date and time, e.g. 2026-05-04T09:00:00Z' });

export const loginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })).pipe(z.string().max(254)),
  password: z.string().min(1, 'is required').max(1024),
});

export const createWorkshopSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'is required').max(120, 'is longer than 120 characters'),
    labIds: z.array(z.string().min(1).max(100)).min(1, 'needs at least one lab').max(30, 'has more than 30 labs'),
    startsAt: isoDate,
    endsAt: isoDate,
    maxLearners: z.number().int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500'),
    leaderboard: z.boolean(),
  })
  .refine((w) => Date.parse(w.endsAt) > Date.parse(w.startsAt), { path: ['endsAt'], message: 'must be after startsAt' })
  .refine((w) => Date.parse(w.endsAt) - Date.parse(w.startsAt) <= 14 * 24 * 3_600_000, { path: ['endsAt'], message: 'is more than 14 days after startsAt' })
  .refine((w) => new Set(w.labIds).size === w.labIds.length, { path: ['labIds'], message: 'lists a lab twice' });

export const extendSchema = z.strictObject({ minutes: z.number().int('must be a whole number').min(1, 'must be at least 1').max(600, 'must be at most 600') });

export const broadcastSchema = z.strictObject({ message: z.string().trim().min(1, 'is required').max(500, 'is longer than 500 characters') });

export const joinSchema = z.strictObject({
  code: z.string().min(1, 'is required').max(40),
  displayName: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(40, 'is longer than 40 characters')
    .refine((name) => !/[\u0000-\u001f\u007f<>]/.test(name), 'may not contain control characters or < >'),
});

export const emptySchema = z.strictObject({});
