/**
 * Access keys the emulator has issued (IAM CreateAccessKey, STS AssumeRole/GetSessionToken, root
 * keys handed out for an account) and the principal each resolves to. Kept per account so a reset
 * or persistence of one account carries its keys; a global index finds a key's account quickly.
 */
import type { Principal } from './principal.ts';

export interface IssuedCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly accountId: string;
  readonly principal: Principal;
  /** 'Active' | 'Inactive' (IAM UpdateAccessKey). */
  status: 'Active' | 'Inactive';
  readonly createdAt: string;
  /** Epoch ms after which temporary credentials stop working. */
  readonly expiresAt?: number;
  /** What issued it: 'iam' (long-term user key), 'sts', 'root'. */
  readonly issuer: 'iam' | 'sts' | 'root';
  /** Last use, as IAM GetAccessKeyLastUsed reports it. */
  lastUsed?: { date: string; service: string; region: string };
}
