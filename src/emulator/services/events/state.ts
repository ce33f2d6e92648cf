/** EventBridge's state in one account and region. Plain data, persisted as is. */

export interface EventBusState {
  name: string;
  description?: string;
  kmsKeyIdentifier?: string;
  deadLetterArn?: string;
  creationTime: Date;
  lastModifiedTime: Date;
  tags: Record<string, string>;
}

export interface TargetState {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  /** Other target parameters (SqsParameters, RetryPolicy, DeadLetterConfig …), kept as given. */
  extra: Record<string, unknown>;
}

export interface RuleState {
  name: string;
  busName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  description?: string;
  roleArn?: string;
  createdBy: string;
  tags: Record<string, string>;
  targets: TargetState[];
}

/** What happened to one matched event at one target (the last ones are kept). */
export interface DeliveryRecord {
  time: Date;
  eventId: string;
  source: string;
  detailType: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  status: 'Delivered' | 'Recorded' | 'Failed';
  reason?: string;
}

export interface EventBridgeState {
  /** Custom buses; the default bus always exists and is created on first use. */
  buses: Map<string, EventBusState>;
  /** Rules by `<bus>\u0000<name>`. */
  rules: Map<string, RuleState>;
  deliveries: DeliveryRecord[];
}

export function createEventBridgeState(): EventBridgeState {
  return { buses: new Map(), rules: new Map(), deliveries: [] };
}
