/** Where the emulated SageMaker knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const SAGEMAKER_LIMITATIONS: readonly Limitation[] = [
  { text: 'Nothing runs: notebook instances, training and processing jobs, endpoints and monitoring schedules move through their statuses on a timer (the `transitionDelayMs` setting, `MLSEC_EMULATOR_SAGEMAKER_DELAY_MS`, 2 s by default), evaluated lazily from the request clock whenever SageMaker state is read.' },
  { text: 'Execution roles are checked against the emulated IAM (the role must exist and its trust policy must let sagemaker.amazonaws.com assume it, with aws:SourceAccount and aws:SourceArn as context); roles of accounts the emulator has never seen are accepted.' },
  { text: 'Subnets and security groups are checked against the emulated EC2 and KMS keys against the emulated KMS only when those services are part of the emulator; otherwise the references are accepted as given.' },
];
