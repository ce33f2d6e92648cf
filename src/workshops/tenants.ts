/**
 * The isolated account each workshop learner works in, from src/aws/tenants (embedded: a strict
 * tenant account of the emulator; aws: a pool account; other endpoints: an account id by
 * convention). A learner's tenant is provisioned lazily, on their first lab start, and stored with
 * the learner as JSON — joining stays a single insert, so a room of 100 joins quickly, and a learner
 * who never starts a lab costs no account (a pool of real accounts is usually small).
 */
import type { Tenant as AwsTenant } from '../aws/index.ts';

export type { TenantProvider } from '../aws/index.ts';

/** A tenant as stored with the learner: `releasedAt` once the workshop's end gave it back. */
export type Tenant = AwsTenant & { releasedAt?: string };
