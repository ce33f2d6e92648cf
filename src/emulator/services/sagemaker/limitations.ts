/** Where the emulated SageMaker knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const SAGEMAKER_LIMITATIONS: readonly Limitation[] = [
  { text: 'Nothing runs: notebook instances, training and processing jobs, endpoints, monitoring schedules, model packages and Studio domains move through their statuses on a timer (the `transitionDelayMs` setting, `MLSEC_EMULATOR_SAGEMAKER_DELAY_MS`, 2 s by default), evaluated lazily from the request clock whenever SageMaker state is read — no timers run, and the schedule survives restarts.' },
  { text: 'State-change events ("SageMaker Training Job State Change", "SageMaker Endpoint State Change", "SageMaker Processing Job State Change", "SageMaker Model Package State Change") are published when the emulator next reads the account\'s SageMaker state after the change (any SageMaker call, or InvokeEndpoint), carrying the time the change happened.' },
  { text: 'Execution roles are checked against the emulated IAM (the role must exist and its trust policy must let sagemaker.amazonaws.com assume it, with aws:SourceAccount and aws:SourceArn as context); roles of accounts the emulator has never seen are accepted.' },
  { text: 'Subnets and security groups are checked against the emulated EC2 and KMS keys against the emulated KMS only when those services are part of the emulator; otherwise the references are accepted as given.' },
  { text: 'Some error messages could not be checked against AWS and are written to say what AWS says in its words elsewhere (unknown monitoring schedules, job definitions, domains and model packages; tags on unknown resources; stopping a job that is not InProgress).' },
  { operation: 'CreateTrainingJob', text: 'No training runs: ModelArtifacts names where SageMaker would write model.tar.gz, but nothing is written to S3; MaxRuntimeInSeconds is not enforced; FinalMetricDataList stays empty; managed Spot training is billed for 30% of the training time (a fixed stand-in for Spot savings).' },
  { operation: 'CreateProcessingJob', text: 'Nothing runs and no output is written.' },
  { operation: 'CreateMonitoringSchedule', text: 'No monitoring executions run, so LastMonitoringExecutionSummary stays absent and no reports are written.' },
  { operation: 'CreateNotebookInstance', text: 'No Jupyter server: the Url is well-formed but serves nothing; lifecycle scripts are stored, not run.' },
  { operation: 'CreateModelPackage', text: 'Container images and model data are not validated or scanned (ModelPackageStatusDetails stays empty).' },
  { operation: 'CreateDomain', text: 'No user profiles, spaces or apps; AppNetworkAccessType can always be changed because no apps are running.' },
  { operation: 'UpdateEndpoint', text: 'Deployment guardrails (blue/green, rolling, auto-rollback) are accepted and ignored: the new configuration takes over when the update completes.' },
];
