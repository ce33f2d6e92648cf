/** Where the emulated SageMaker Runtime knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const SAGEMAKER_RUNTIME_LIMITATIONS: readonly Limitation[] = [
  { text: 'No model runs: an endpoint answers a deterministic score per input row derived from the model name and the row (SHA-256), as CSV or JSON (see docs/emulator.md, "SageMaker"). Latency and failures are simulated and can be set per model with the container environment variables MLSEC_EMULATOR_LATENCY_MS and MLSEC_EMULATOR_FAILURE_RATE.' },
  { text: 'An endpoint that is not serving (Creating, Deleting, Failed, OutOfService) is answered like an unknown one: ValidationError "Endpoint … of account … not found."' },
  { operation: 'InvokeEndpoint', text: 'TargetModel (multi-model endpoints), TargetContainerHostname, inference components and sessions are accepted and ignored. Data capture writes one JSON Lines object per captured invocation (AWS batches several per file).' },
  { operation: 'InvokeEndpointAsync', text: 'Not emulated.' },
  { operation: 'InvokeEndpointWithResponseStream', text: 'Not emulated (needs the event-stream encoding).' },
];
