/**
 * The metric sink: how any emulated service records CloudWatch datapoints (SageMaker's
 * `AWS/SageMaker` invocation metrics, EventBridge's `AWS/Events`, CloudWatch Logs metric filters)
 * without knowing CloudWatch. A provider calls `ctx.metrics.put(namespace, data)`; the service that
 * declares `consumes.metrics` (CloudWatch) stores the datapoints exactly as PutMetricData would.
 * When no service consumes metrics (an emulator started without CloudWatch) the call does nothing.
 *
 * The datum uses PutMetricData's own member names so a reader of AWS's API reference knows it.
 */

export interface MetricDimension {
  readonly Name: string;
  readonly Value: string;
}

export interface MetricStatisticSet {
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

/** One datapoint, as a MetricDatum of PutMetricData. Give `Value`, `Values` (+`Counts`) or `StatisticValues`. */
export interface MetricDatum {
  readonly MetricName: string;
  readonly Dimensions?: readonly MetricDimension[];
  /** When it was observed; default the time of the request that records it (`ctx.now`). */
  readonly Timestamp?: Date;
  readonly Value?: number;
  readonly Values?: readonly number[];
  readonly Counts?: readonly number[];
  readonly StatisticValues?: MetricStatisticSet;
  /** One of CloudWatch's StandardUnit values (`Count`, `Microseconds`, `Percent` …); default `None`. */
  readonly Unit?: string;
  /** 1 (high resolution) or 60 (the default). */
  readonly StorageResolution?: number;
}

/** Where recorded datapoints go: the caller's account and region unless named. */
export interface MetricTarget {
  readonly accountId?: string;
  readonly region?: string;
}

export interface MetricSink {
  /**
   * Records datapoints in `namespace` (e.g. `AWS/SageMaker`). Never throws at the caller: the
   * emulator's own metrics are trusted, and a failure inside the consumer is logged, not returned.
   */
  put(namespace: string, data: readonly MetricDatum[], target?: MetricTarget): void;
}

/** What a consuming service receives: the datapoints, already defaulted (timestamp filled in). */
export interface MetricBatch {
  readonly namespace: string;
  readonly data: readonly (MetricDatum & { readonly Timestamp: Date })[];
}
