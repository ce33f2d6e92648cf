/**
 * Anomaly detection bands for alarms: `ANOMALY_DETECTION_BAND(m1, k)` as the alarm's
 * ThresholdMetricId, compared with LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold
 * or GreaterThanUpperThreshold. CloudWatch trains a model on up to two weeks of the metric; the
 * emulator's model is a stated simplification: for each period, the band is the mean of the
 * metric's earlier datapoints of the last 14 days plus and minus k standard deviations (k defaults
 * to 2). With fewer than three earlier datapoints there is no band yet (the model is still
 * training), and the period counts as missing data.
 */
import { validationError } from './errors.ts';

const BAND = /^\s*ANOMALY_DETECTION_BAND\s*\(\s*([a-z][a-zA-Z0-9_]*)\s*(?:,\s*(\d+(?:\.\d+)?)\s*)?\)\s*$/;
export const BAND_OPERATORS = ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'];
const TRAINING_MS = 14 * 86_400_000;
const MIN_TRAINING_POINTS = 3;

export interface BandExpression {
  /** The id of the metric the band is computed for. */
  readonly input: string;
  /** Standard deviations from the expected value to each edge. */
  readonly width: number;
}

export function parseBand(expression: string | undefined): BandExpression | undefined {
  const m = expression === undefined ? null : BAND.exec(expression);
  return m ? { input: m[1]!, width: m[2] === undefined ? 2 : Number(m[2]) } : undefined;
}

/** Checks a band alarm's metrics as PutMetricAlarm does; returns the band. */
export function checkBandAlarm(metrics: readonly { Id?: string; Expression?: string; MetricStat?: unknown; ReturnData?: boolean }[] | undefined, thresholdMetricId: string, operator: string, threshold: number | undefined): BandExpression {
  if (!BAND_OPERATORS.includes(operator)) {
    throw validationError(`ComparisonOperator ${operator} cannot be used with ThresholdMetricId; use LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold or GreaterThanUpperThreshold.`);
  }
  if (threshold !== undefined) throw validationError('Threshold must not be set when ThresholdMetricId is set: the band is the threshold.');
  if (!metrics?.length) throw validationError('An anomaly detection alarm needs Metrics: the metric and its ANOMALY_DETECTION_BAND expression.');
  const query = metrics.find((q) => q.Id === thresholdMetricId);
  if (!query) throw validationError(`ThresholdMetricId ${thresholdMetricId} does not name an element of Metrics.`);
  const band = parseBand(query.Expression);
  if (!band) throw validationError(`ThresholdMetricId ${thresholdMetricId} must name an ANOMALY_DETECTION_BAND expression, for example ANOMALY_DETECTION_BAND(m1, 2).`);
  const input = metrics.find((q) => q.Id === band.input);
  if (!input?.MetricStat) throw validationError(`ANOMALY_DETECTION_BAND(${band.input}) must refer to a metric (a MetricStat) in Metrics.`);
  if (metrics.filter((q) => q.ReturnData !== false && q.Id !== thresholdMetricId).length !== 1) {
    throw validationError('An anomaly detection alarm must return data from exactly one metric besides its band.');
  }
  return band;
}

/** The band at period start `t`, from the datapoints (time → value) before it; undefined while training. */
export function bandAt(points: ReadonlyMap<number, number>, t: number, width: number): { lower: number; upper: number } | undefined {
  const earlier: number[] = [];
  for (const [time, value] of points) if (time < t && time >= t - TRAINING_MS) earlier.push(value);
  if (earlier.length < MIN_TRAINING_POINTS) return undefined;
  const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
  const deviation = Math.sqrt(earlier.reduce((a, b) => a + (b - mean) ** 2, 0) / earlier.length);
  return { lower: mean - width * deviation, upper: mean + width * deviation };
}

export function outsideBand(operator: string, value: number, band: { lower: number; upper: number }): boolean {
  switch (operator) {
    case 'LessThanLowerThreshold': return value < band.lower;
    case 'GreaterThanUpperThreshold': return value > band.upper;
    default: return value < band.lower || value > band.upper;
  }
}

export const BAND_PHRASE: Record<string, string> = {
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'less than the lower thresholds',
  GreaterThanUpperThreshold: 'greater than the upper thresholds',
};
