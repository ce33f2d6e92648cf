/**
 * Bad input to Organizations, Application Auto Scaling, Budgets and Cost Explorer: malformed and
 * mistyped bodies, missing members (each service's own validation code), operations the emulator
 * does not implement — and a fast-check stream of schema-shaped random requests to every
 * implemented operation through the real SDK clients, which must only ever produce AWS errors
 * (never a 500, never a stack trace, nothing logged as an internal failure).
 */
import * as A from '@aws-sdk/client-application-auto-scaling';
import * as B from '@aws-sdk/client-budgets';
import * as CE from '@aws-sdk/client-cost-explorer';
import * as O from '@aws-sdk/client-organizations';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { BUILTIN_SERVICES } from '../../../src/emulator/index.ts';
import { compileOperation } from '../../../src/emulator/schema/compile.ts';
import { structureFor } from '../../unit/emulator/shape-arbitraries.ts';
import { emulator } from './support.ts';
import { asAccount, MANAGEMENT } from './org-cost-support.ts';

const auth = (service: string) => `AWS4-HMAC-SHA256 Credential=${MANAGEMENT}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

const SERVICES = [
  { id: 'organizations', signing: 'organizations', target: 'AWSOrganizationsV20161128', module: O as Record<string, unknown>, Client: O.OrganizationsClient, validation: 'InvalidInputException' },
  { id: 'application-autoscaling', signing: 'application-autoscaling', target: 'AnyScaleFrontendService', module: A as Record<string, unknown>, Client: A.ApplicationAutoScalingClient, validation: 'ValidationException' },
  { id: 'budgets', signing: 'budgets', target: 'AWSBudgetServiceGateway', module: B as Record<string, unknown>, Client: B.BudgetsClient, validation: 'InvalidParameterException' },
  { id: 'ce', signing: 'ce', target: 'AWSInsightsIndexService', module: CE as Record<string, unknown>, Client: CE.CostExplorerClient, validation: 'ValidationException' },
] as const;

describe('bad input to Organizations, Application Auto Scaling, Budgets and Cost Explorer', () => {
  let emu: RunningEmulator;
  const logs: string[] = [];
  beforeAll(async () => {
    emu = await emulator({ log: (m) => logs.push(m), services: BUILTIN_SERVICES.filter((s) => s.id !== 'sagemaker' && s.id !== 'cloudwatch') });
  });
  afterAll(() => emu.stop());

  const post = (service: (typeof SERVICES)[number], operation: string, body: string) =>
    fetch(`${emu.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${service.target}.${operation}`, authorization: auth(service.signing) }, body });

  it('answers malformed and mistyped bodies with SerializationException, and missing members with the service\'s validation code', async () => {
    const missing: Record<string, [string, string]> = {
      organizations: ['CreateOrganizationalUnit', "2 validation errors detected: Value null at 'parentId' failed to satisfy constraint: Member must not be null; Value null at 'name' failed to satisfy constraint: Member must not be null"],
      'application-autoscaling': ['RegisterScalableTarget', "Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null"],
      budgets: ['CreateBudget', "Value null at 'accountId' failed to satisfy constraint: Member must not be null"],
      ce: ['UpdateCostAllocationTagsStatus', "1 validation error detected: Value null at 'costAllocationTagsStatus' failed to satisfy constraint: Member must not be null"],
    };
    for (const service of SERVICES) {
      const [operation, message] = missing[service.id]!;
      const malformed = await post(service, operation, '{"oops": ');
      expect(malformed.status, service.id).toBe(400);
      expect(((await malformed.json()) as { __type: string }).__type).toBe('SerializationException');
      const mistyped = await post(service, operation, '{"ParentId": 42, "ServiceNamespace": 7, "AccountId": [], "CostAllocationTagsStatus": "all"}');
      expect(((await mistyped.json()) as { __type: string }).__type).toBe('SerializationException');
      const absent = await post(service, operation, '{}');
      expect(absent.status).toBe(400);
      const body = (await absent.json()) as { __type: string; message: string };
      expect(body.__type, service.id).toBe(service.validation);
      expect(body.message).toContain(message);
      const unknown = await post(service, 'MakeMeAdmin', '{}');
      expect(((await unknown.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    }
    const unsupported = await post(SERVICES[0], 'CloseAccount', '{"AccountId":"123456789012"}');
    expect(unsupported.status).toBe(400);
    expect(unsupported.headers.get('x-mlsec-unsupported-operation')).toBe('organizations:CloseAccount');
    expect(((await unsupported.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('answers schema-shaped random requests to every implemented operation with AWS errors only', async () => {
    // Half of the requests are steered past the first checks: an organization exists, a scalable
    // target is registered, and they name the caller's account and that target.
    await new O.OrganizationsClient(asAccount(emu.url, MANAGEMENT)).send(new O.CreateOrganizationCommand({}));
    const steer = { AccountId: MANAGEMENT, ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/fuzz/variant/AllTraffic', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' };
    await new A.ApplicationAutoScalingClient(asAccount(emu.url, MANAGEMENT)).send(new A.RegisterScalableTargetCommand({ ...steer, ServiceNamespace: 'sagemaker', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount', MinCapacity: 1, MaxCapacity: 3 }));
    for (const service of SERVICES) {
      const definition = BUILTIN_SERVICES.find((s) => s.id === service.id)!;
      const operations = Object.keys(definition.handlers);
      const client = new service.Client(asAccount(emu.url, MANAGEMENT)) as { send(command: unknown): Promise<unknown> };
      const sample = fc.constantFrom(...operations).chain((op) => {
        const shape = compileOperation(service.module[`${op}$`]).input;
        return fc.tuple(fc.constant(op), structureFor(shape, 3, {})!, fc.boolean());
      });
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(sample, async ([op, input, ownAccount]) => {
          const value = input as Record<string, unknown>;
          if (ownAccount) for (const [k, v] of Object.entries(steer)) if (k in value) value[k] = v;
          const Command = service.module[`${op}Command`] as new (input: unknown) => unknown;
          try {
            await client.send(new Command(value));
            outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
          } catch (error) {
            const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
            expect(e.$metadata?.httpStatusCode, `${service.id}:${op} ${JSON.stringify(value)} → ${e.name}: ${e.message}`).toBeLessThan(500);
            expect(e.message).not.toMatch(/\bat .+\.ts:\d+/);
            outcomes.set(e.name, (outcomes.get(e.name) ?? 0) + 1);
          }
        }),
        { numRuns: 250 },
      );
      expect(outcomes.size, `${service.id} answered only ${[...outcomes.keys()].join(', ')}`).toBeGreaterThan(1);
    }
    expect(logs.filter((l) => l.includes('internal error'))).toEqual([]);
  });
});
