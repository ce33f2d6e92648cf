/**
 * Where datapoints live: one series per namespace + metric name + exact dimension set (as in
 * CloudWatch, a metric is identified by all three). Points stay sorted by time; old ones are
 * pruned the way CloudWatch expires them (15 months), and a series keeps a bounded number of points.
 */
import type { CloudWatchState, MetricSeries, StoredDimension, StoredPoint } from './state.ts';

/** CloudWatch keeps metric data for 15 months. */
export const RETENTION_MS = 455 * 24 * 3600 * 1000;
/** A bound per series so a runaway producer cannot exhaust memory (documented in limitations). */
export const MAX_POINTS_PER_SERIES = 200_000;

export function sortDimensions(dimensions: readonly { Name?: string; Value?: string }[] | undefined): StoredDimension[] {
  return (dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })).sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

export function seriesKey(namespace: string, metricName: string, dimensions: readonly StoredDimension[]): string {
  return [namespace, metricName, ...dimensions.flatMap((d) => [d.Name, d.Value])].join('\u0000');
}

export function findSeries(state: CloudWatchState, namespace: string, metricName: string, dimensions: readonly { Name?: string; Value?: string }[] | undefined): MetricSeries | undefined {
  return state.series.get(seriesKey(namespace, metricName, sortDimensions(dimensions)));
}

export function addPoint(state: CloudWatchState, namespace: string, metricName: string, dimensions: StoredDimension[], point: StoredPoint, now: number): MetricSeries {
  const key = seriesKey(namespace, metricName, dimensions);
  let series = state.series.get(key);
  if (!series) {
    series = { namespace, metricName, dimensions, points: [], lastPutAt: now };
    state.series.set(key, series);
  }
  series.lastPutAt = Math.max(series.lastPutAt, now);
  const points = series.points;
  if (points.length === 0 || points[points.length - 1]!.t <= point.t) points.push(point);
  else points.splice(upperBound(points, point.t), 0, point);
  prune(series, now);
  return series;
}

function prune(series: MetricSeries, now: number): void {
  const points = series.points;
  const cutoff = now - RETENTION_MS;
  let drop = points[0] && points[0].t < cutoff ? lowerBound(points, cutoff) : 0;
  drop = Math.max(drop, points.length - MAX_POINTS_PER_SERIES);
  if (drop > 0) points.splice(0, drop);
}

/** Points with start <= t < end. */
export function pointsBetween(series: MetricSeries, start: number, end: number): StoredPoint[] {
  const points = series.points;
  return points.slice(lowerBound(points, start), lowerBound(points, end));
}

/** First index whose time is >= t. */
function lowerBound(points: readonly StoredPoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > t. */
function upperBound(points: readonly StoredPoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
