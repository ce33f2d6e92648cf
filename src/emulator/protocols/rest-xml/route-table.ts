/**
 * Matches a REST request (method, path, query, headers) to an operation using each operation's
 * `http` trait from the model, compiled once. S3's URIs are famously overloaded (`GET /b/k`,
 * `GET /b/k?acl`, `PUT /b/k` with or without `x-amz-copy-source` …), so candidates are ranked:
 * query literals in the URI (`?acl`, `?list-type=2`) must be present; the SDK's `x-id` hint wins
 * when sent; required header/query members decide the rest (CopyObject needs x-amz-copy-source).
 */
import type { ServiceModel } from '../../schema/service-model.ts';
import type { OperationShape } from '../../schema/shapes.ts';

interface Segment { literal?: string; label?: string; greedy?: boolean }

interface CompiledRoute {
  readonly name: string;
  readonly method: string;
  readonly segments: Segment[];
  /** Query keys the URI requires, with the value when it pins one (`list-type=2`). */
  readonly literals: [string, string | undefined][];
  readonly xId: string | undefined;
  readonly requiredHeaders: string[];
  readonly requiredQuery: string[];
}

export interface RouteMatch {
  readonly operation: string;
  readonly labels: Record<string, string>;
}

export interface RouteRequest {
  readonly method: string;
  /** Decoded path segments after any bucket was removed (S3). */
  readonly segments: readonly string[];
  readonly query: ReadonlyMap<string, string[]>;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export type RouteOutcome = RouteMatch | { readonly failure: 'method-not-allowed' | 'no-route' };

function compileRoute(op: OperationShape): CompiledRoute | undefined {
  if (!op.http) return undefined;
  const [pathPart, queryPart = ''] = op.http.uri.split('?', 2) as [string, string?];
  const segments: Segment[] = pathPart.split('/').filter((s) => s !== '').map((s) => {
    const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
    return m ? { label: m[1]!, greedy: m[2] === '+' } : { literal: s };
  });
  const literals: [string, string | undefined][] = [];
  let xId: string | undefined;
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const [k, v] = pair.split('=', 2) as [string, string?];
    if (k === 'x-id') xId = v;
    else literals.push([k, v]);
  }
  const requiredHeaders: string[] = [];
  const requiredQuery: string[] = [];
  for (const m of op.input.members) {
    if (!m.required) continue;
    if (m.traits.httpHeader && !m.traits.httpLabel) requiredHeaders.push(m.traits.httpHeader.toLowerCase());
    if (m.traits.httpQuery) requiredQuery.push(m.traits.httpQuery);
  }
  return { name: op.name, method: op.http.method, segments, literals, xId, requiredHeaders, requiredQuery };
}

function matchPath(route: CompiledRoute, segments: readonly string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (const seg of route.segments) {
    if (seg.greedy) {
      if (i >= segments.length) return undefined;
      labels[seg.label!] = segments.slice(i).join('/');
      return labels;
    }
    const actual = segments[i++];
    if (actual === undefined) return undefined;
    if (seg.literal !== undefined) {
      if (seg.literal !== actual) return undefined;
    } else {
      if (actual === '') return undefined;
      labels[seg.label!] = actual;
    }
  }
  return i === segments.length ? labels : undefined;
}

export class RouteTable {
  private readonly routes: CompiledRoute[] = [];

  /** `filter` keeps the operations this table may answer (S3: bucket-level vs service-level). */
  constructor(model: ServiceModel) {
    for (const name of model.operationNames) {
      const route = compileRoute(model.operation(name));
      if (route) this.routes.push(route);
    }
  }

  match(request: RouteRequest, accept: (operation: string) => boolean = () => true): RouteOutcome {
    let best: RouteMatch | undefined;
    let bestScore = -Infinity;
    let pathMatched = false;
    const xId = request.query.get('x-id')?.[0];
    for (const route of this.routes) {
      if (!accept(route.name)) continue;
      const labels = matchPath(route, request.segments);
      if (!labels) continue;
      if (!route.literals.every(([k, v]) => request.query.has(k) && (v === undefined || request.query.get(k)!.includes(v)))) continue;
      pathMatched = true;
      if (route.method !== request.method) continue;
      let score = route.literals.length * 100;
      if (xId !== undefined && route.xId === xId) score += 50;
      for (const h of route.requiredHeaders) score += request.headers[h] !== undefined ? 1 : -1000;
      for (const q of route.requiredQuery) score += request.query.has(q) ? 1 : -1000;
      if (score > bestScore) {
        bestScore = score;
        best = { operation: route.name, labels };
      }
    }
    if (best) return best;
    return { failure: pathMatched ? 'method-not-allowed' : 'no-route' };
  }
}
