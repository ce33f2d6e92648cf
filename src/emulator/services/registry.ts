/**
 * The services the emulator serves. Add a service by appending its definition here
 * (see docs/emulator.md, "Adding a service").
 */
import { applicationAutoScaling } from './application-autoscaling/service.ts';
import { budgetsService } from './budgets/service.ts';
import { costExplorer } from './cost-explorer/service.ts';
import { cloudwatch } from './cloudwatch/service.ts';
import { cloudtrail } from './cloudtrail/service.ts';
import type { ServiceDefinition } from './define-service.ts';
import { eventbridge } from './events/service.ts';
import { ec2 } from './ec2/service.ts';
import { iam } from './iam/service.ts';
import { organizations } from './organizations/service.ts';
import { kms } from './kms/service.ts';
import { logs } from './logs/service.ts';
import { s3 } from './s3/service.ts';
import { s3control } from './s3control/service.ts';
import { sagemakerService } from './sagemaker/service.ts';
import { sagemakerRuntime } from './sagemaker-runtime/service.ts';
import { secretsmanager } from './secretsmanager/service.ts';
import { sts } from './sts/service.ts';

export const BUILTIN_SERVICES: readonly ServiceDefinition<any>[] = [
  sts,
  iam,
  s3,
  s3control,
  kms,
  secretsmanager,
  ec2,
  cloudtrail,
  cloudwatch,
  logs,
  eventbridge,
  sagemakerService,
  sagemakerRuntime,
  organizations,
  applicationAutoScaling,
  budgetsService,
  costExplorer,
];
