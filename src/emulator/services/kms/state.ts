/**
 * KMS state, per account and region as AWS scopes it. Keys hold their real key material (AES-256,
 * generated at creation, one entry per rotation) so ciphertexts survive restarts; key policies are
 * the documents as written (or AWS's default), so IAM enforcement can read them.
 */

export interface KmsTag {
  TagKey: string;
  TagValue: string;
}

/** One generation of key material. The last entry is current; older ones only decrypt. */
export interface KeyMaterial {
  /** 64 hex characters, as AWS's KeyMaterialId. */
  id: string;
  /** 32 bytes of AES-256 key. */
  secret: Buffer;
  createdAt: Date;
  /** Absent for the first material. */
  rotationDate?: Date;
  rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
}

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KmsKey {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  creationDate: Date;
  description: string;
  keyState: KeyState;
  deletionDate?: Date;
  /** `CUSTOMER` for keys people create, `AWS` for AWS managed keys (alias/aws/…). */
  keyManager: 'CUSTOMER' | 'AWS';
  /** For AWS managed keys: the alias AWS created the key for (alias/aws/s3 …). */
  managedAlias?: string;
  /** The key policy document exactly as stored. */
  policy: string;
  tags: KmsTag[];
  rotation: {
    enabled: boolean;
    periodInDays: number;
    /** When automatic rotation is due (enabled keys only). */
    nextRotationDate?: Date;
  };
  onDemandRotations: number;
  materials: KeyMaterial[];
}

export interface KmsAlias {
  aliasName: string;
  targetKeyId: string;
  creationDate: Date;
  lastUpdatedDate: Date;
}

export interface KmsState {
  /** By key id, in creation order. */
  keys: Map<string, KmsKey>;
  /** By alias name (`alias/…`). */
  aliases: Map<string, KmsAlias>;
}

export function createKmsState(): KmsState {
  return { keys: new Map(), aliases: new Map() };
}
