/**
 * Dashboards: PutDashboard (with DashboardBody validated like CloudWatch's JSON schema, answering
 * "The dashboard body is invalid, there are N validation errors" with DashboardValidationMessages),
 * GetDashboard, ListDashboards, DeleteDashboards. Dashboards are global: they live in the
 * account's us-east-1 state whatever region the call names, and their ARNs carry no region.
 */
import { formatArn } from '../../core/arn.ts';
import type * as CW from '@aws-sdk/client-cloudwatch';
import { AwsServiceError } from '../../core/errors.ts';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { decodeToken, encodeToken, invalidValue } from './errors.ts';
import type { CloudWatchState, Dashboard } from './state.ts';
import { checkTags } from './tags.ts';

type Ctx = RequestContext<CloudWatchState>;

function dashboards(ctx: Ctx): Map<string, Dashboard> {
  return ctx.stateOf<CloudWatchState>('cloudwatch', ctx.accountId, 'us-east-1').dashboards;
}

const arn = (ctx: Ctx, name: string) => formatArn('cloudwatch', '', ctx.accountId, `dashboard/${name}`);

interface Message {
  DataPath: string;
  Message: string;
}

const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer', 'custom'];

/** Checks a dashboard body the way CloudWatch's schema does; returns its messages. */
export function validateDashboardBody(body: string): Message[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return [{ DataPath: '', Message: `Should be valid JSON: ${(error as Error).message}` }];
  }
  const out: Message[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(parsed)) return [{ DataPath: '', Message: 'Should be object' }];
  if (!('widgets' in parsed)) return [{ DataPath: '', Message: "Should have required property 'widgets'" }];
  const widgets = parsed.widgets;
  if (!Array.isArray(widgets)) return [{ DataPath: '/widgets', Message: 'Should be array' }];
  if (widgets.length > 500) out.push({ DataPath: '/widgets', Message: 'Should NOT have more than 500 items' });
  const integer = (path: string, v: unknown, min: number, max: number) => {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v)) out.push({ DataPath: path, Message: 'Should be integer' });
    else if (v < min) out.push({ DataPath: path, Message: `Should be >= ${min}` });
    else if (v > max) out.push({ DataPath: path, Message: `Should be <= ${max}` });
  };
  widgets.forEach((w, i) => {
    const path = `/widgets/${i}`;
    if (!isObject(w)) {
      out.push({ DataPath: path, Message: 'Should be object' });
      return;
    }
    if (w.type === undefined) {
      out.push({ DataPath: path, Message: "Should have required property 'type'" });
      return;
    }
    if (!WIDGET_TYPES.includes(String(w.type))) {
      out.push({ DataPath: `${path}/type`, Message: 'Should be equal to one of the allowed values' });
      return;
    }
    integer(`${path}/x`, w.x, 0, 23);
    integer(`${path}/y`, w.y, 0, Number.MAX_SAFE_INTEGER);
    integer(`${path}/width`, w.width, 1, 24);
    integer(`${path}/height`, w.height, 1, 1000);
    const props = w.properties;
    if (props === undefined) {
      out.push({ DataPath: path, Message: "Should have required property 'properties'" });
      return;
    }
    if (!isObject(props)) {
      out.push({ DataPath: `${path}/properties`, Message: 'Should be object' });
      return;
    }
    const ppath = `${path}/properties`;
    switch (w.type) {
      case 'text':
        if (typeof props.markdown !== 'string') out.push({ DataPath: ppath, Message: "Should have required property 'markdown'" });
        break;
      case 'alarm':
        if (!Array.isArray(props.alarms)) out.push({ DataPath: ppath, Message: "Should have required property 'alarms'" });
        break;
      case 'log':
        if (typeof props.query !== 'string') out.push({ DataPath: ppath, Message: "Should have required property 'query'" });
        if (typeof props.region !== 'string') out.push({ DataPath: ppath, Message: "Should have required property 'region'" });
        break;
      case 'metric': {
        if (typeof props.region !== 'string') out.push({ DataPath: ppath, Message: "Should have required property 'region'" });
        if (props.metrics === undefined && props.annotations === undefined && props.alarms === undefined) {
          out.push({ DataPath: ppath, Message: "Should have required property 'metrics'" });
          break;
        }
        if (props.metrics === undefined) break;
        if (!Array.isArray(props.metrics)) {
          out.push({ DataPath: `${ppath}/metrics`, Message: 'Should be array' });
          break;
        }
        props.metrics.forEach((m, j) => {
          const mpath = `${ppath}/metrics/${j}`;
          if (!Array.isArray(m)) {
            out.push({ DataPath: mpath, Message: 'Should be array' });
            return;
          }
          m.forEach((part, k) => {
            const last = k === m.length - 1;
            if (typeof part !== 'string' && !(last && isObject(part))) out.push({ DataPath: `${mpath}/${k}`, Message: 'Should be string' });
          });
        });
        break;
      }
    }
  });
  return out;
}

export function putDashboard(input: CW.PutDashboardInput, ctx: Ctx): Output<CW.PutDashboardOutput> {
  new ProblemList().minLength('dashboardName', input.DashboardName, 1).maxLength('dashboardName', input.DashboardName, 255).check();
  const name = input.DashboardName!;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new AwsServiceError('DashboardInvalidInputError', 'The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).', {
      fields: { dashboardValidationMessages: [{ DataPath: 'DashboardName', Message: 'Invalid characters in the dashboard name' }] },
    });
  }
  const body = input.DashboardBody!;
  if (Buffer.byteLength(body) > 1024 * 1024) throw invalidValue('The dashboard body must not be larger than 1 MB.');
  const messages = validateDashboardBody(body);
  if (messages.length) {
    const listed = messages.map((m) => `  {\n    "dataPath": ${JSON.stringify(m.DataPath)},\n    "message": ${JSON.stringify(m.Message)}\n  }`).join(',\n');
    throw new AwsServiceError('DashboardInvalidInputError', `The dashboard body is invalid, there are ${messages.length} validation errors:\n[\n${listed}\n]`, { fields: { dashboardValidationMessages: messages } });
  }
  const map = dashboards(ctx);
  const tags = checkTags(input.Tags, map.get(name)?.tags ?? {});
  map.set(name, { DashboardName: name, DashboardBody: body, LastModified: ctx.now, tags });
  return { DashboardValidationMessages: [] };
}

export function getDashboard(input: CW.GetDashboardInput, ctx: Ctx): Output<CW.GetDashboardOutput> {
  const d = dashboards(ctx).get(input.DashboardName!);
  if (!d) throw new AwsServiceError('DashboardNotFoundError', 'Dashboard does not exist');
  return { DashboardArn: arn(ctx, d.DashboardName), DashboardBody: d.DashboardBody, DashboardName: d.DashboardName };
}

export function listDashboards(input: CW.ListDashboardsInput, ctx: Ctx): Output<CW.ListDashboardsOutput> {
  const prefix = input.DashboardNamePrefix ?? '';
  const all = [...dashboards(ctx).values()].filter((d) => d.DashboardName.startsWith(prefix)).sort((a, b) => (a.DashboardName < b.DashboardName ? -1 : 1));
  const fingerprint = JSON.stringify(['ListDashboards', prefix]);
  const offset = Number(decodeToken(input.NextToken, fingerprint) ?? 0);
  const page = all.slice(offset, offset + 1000);
  return {
    DashboardEntries: page.map((d) => ({ DashboardName: d.DashboardName, DashboardArn: arn(ctx, d.DashboardName), LastModified: d.LastModified, Size: Buffer.byteLength(d.DashboardBody) })),
    NextToken: offset + 1000 < all.length ? encodeToken(offset + 1000, fingerprint) : undefined,
  };
}

export function deleteDashboards(input: CW.DeleteDashboardsInput, ctx: Ctx): Output<CW.DeleteDashboardsOutput> {
  const names = input.DashboardNames ?? [];
  if (names.length === 0) throw invalidValue('Need at least 1 dashboard');
  const map = dashboards(ctx);
  const missing = names.filter((n) => !map.has(n));
  // Nothing is deleted when one of the names is unknown.
  if (missing.length) throw new AwsServiceError('DashboardNotFoundError', `The specified dashboard does not exist. [${missing.join(', ')}]`);
  for (const n of names) map.delete(n);
  return {};
}
