/** Where the emulated IAM knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const IAM_LIMITATIONS: readonly Limitation[] = [
  { text: 'Policies are stored and validated but not enforced unless IAM enforcement is switched on.' },
  { text: 'AWS managed policies: a curated set that ML security labs use (AdministratorAccess, ReadOnlyAccess, SecurityAudit, AmazonSageMakerFullAccess, AmazonS3ReadOnlyAccess …) with AWS\'s published documents, not all ~1,400.' },
];
