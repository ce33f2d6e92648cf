/**
 * The services the emulator serves. Add a service by appending its definition here
 * (see docs/emulator.md, "Adding a service").
 */
import { cloudwatch } from './cloudwatch/service.ts';
import type { ServiceDefinition } from './define-service.ts';
import { eventbridge } from './events/service.ts';
import { iam } from './iam/service.ts';
import { logs } from './logs/service.ts';
import { sts } from './sts/service.ts';

export const BUILTIN_SERVICES: readonly ServiceDefinition<any>[] = [sts, iam, cloudwatch, logs, eventbridge];
