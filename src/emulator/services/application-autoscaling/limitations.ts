/** Where the emulated Application Auto Scaling knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const APPLICATION_AUTOSCALING_LIMITATIONS: readonly Limitation[] = [
  { text: 'Policies and scheduled actions are stored and described, but nothing scales on its own: alarms do not trigger scaling and schedules do not run. Activities are recorded only when RegisterScalableTarget moves a SageMaker variant into its new [min, max] range.' },
  { text: 'Every namespace is accepted; only SageMaker targets are checked against another service: with SageMaker emulated, `endpoint/<name>/variant/<variant>` must name an existing endpoint and variant. Other resources (ECS services, DynamoDB tables …) are not checked. The service-linked role in RoleARN is reported but not created in IAM.' },
  { operation: 'RegisterScalableTarget', text: 'With SageMaker emulated, a variant whose instance count lies outside the new [MinCapacity, MaxCapacity] is set to the nearest bound at once (AWS updates the endpoint over several minutes).' },
  { operation: 'PutScalingPolicy', text: 'Target tracking alarms (AlarmHigh: above the target for 3 minutes; AlarmLow: below 90% of it for 15 minutes) are created in CloudWatch when CloudWatch is emulated; the predefined metrics of SageMaker, ECS and DynamoDB and any customized metric get alarms, other predefined metrics none. PredictiveScaling is not emulated.' },
  { operation: 'PutScalingPolicy', text: 'ValidationException messages for configuration problems are the emulator\'s own wording where AWS does not publish its text; ObjectNotFoundException for a missing target uses AWS\'s.' },
];
