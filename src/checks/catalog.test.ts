/**
 * Walks the whole check catalog. For every check: valid metadata, id = file name, fixtures that pass
 * and fail, nothing reported without a resource, and — the lesson of a Prowler check that once read
 * RootAccess where it meant DirectInternetAccess — every inventory field the check reads is
 * declared and flipped by a fixture case, and an unreadable field never turns a failure into a pass.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../inventory/types.ts';
import { checks } from './catalog.ts';
import { failed, secureInventory, type CheckFixtures } from './fixtures/base.ts';
import { checkMetadataSchema } from './metadata-schema.ts';
import { observabilityIdentityPaths } from './fixtures/observability.ts';
import type { AnyCheck, Finding } from './types.ts';

const root = import.meta.dirname;
const checkFiles = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory() && !['lib', 'fixtures'].includes(d))
  .flatMap((d) => readdirSync(join(root, d)).filter((f) => /^[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.fixtures.ts')).map((f) => join(d, f)));

const fixtures = new Map<string, CheckFixtures<unknown>>();
for (const file of checkFiles) {
  const fixtureFile = join(root, file.replace(/\.ts$/, '.fixtures.ts'));
  try {
    fixtures.set(basename(file, '.ts'), ((await import(fixtureFile)) as { fixtures: CheckFixtures<unknown> }).fixtures);
  } catch {
    // reported by the test below
  }
}

/** Paths every resource-scoped check may read without declaring them: identities, and existence (tested generically). */
const identityPaths = [/^lab\.answers\[\]\.prompt$/, /^cloudtrail\.trails\.value\[\]\.(name|arn)$/, /^account\.(id|region|partition)$/, /^collectedAt$/, /^s3\.buckets\[\]\.(name|arn)$/, /^s3\.buckets\[\]\.exists(\.|$)/, /^s3$/, /^s3\.buckets$/];
// IAM roles and KMS aliases: names, ARNs and existence are identities too (existence is tested generically below).
identityPaths.push(/^iam\.roles\[\]\.(name|arn)$/, /^iam\.roles\[\]\.exists(\.|$)/, /^iam$/, /^iam\.roles$/, /^kms$/, /^kms\.keys$/, /^kms\.keys\[\]\.arn$/);
identityPaths.push(...observabilityIdentityPaths);
// Resources looked up by name (EC2, SageMaker): the name asked for and the ids of what was found.
identityPaths.push(/^ec2\.[a-zA-Z]+\[\]\.name$/, /^ec2\.[a-zA-Z]+\[\]\.found\.value\.(groupId|groupName|subnetId|vpcId)$/);
identityPaths.push(/^sagemaker[A-Za-z]+\.[a-zA-Z]+\[\]\.prefix$/, /^sagemaker[A-Za-z]+\.[a-zA-Z]+\[\]\.members\.value\[\]\.(name|arn)$/);
identityPaths.push(/^(secretsmanager\.secrets|sagemakerNotebooks\.lifecycleConfigs)\[\]\.(name|found\.value\.(name|arn))$/);
identityPaths.push(/^sagemakerTraining\.trainingJobs\[\]\.jobs\.value\.(latest\.(name|arn)|older(\[\])?)$/);

function recordReads(inventory: Inventory, check: AnyCheck, params: unknown): { findings: Finding[]; paths: Set<string> } {
  const paths = new Set<string>();
  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    return new Proxy(value as object, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof prop === 'symbol' || typeof v === 'function') return v;
        let p: string;
        if (Array.isArray(target)) {
          if (!/^\d+$/.test(prop)) return v;
          p = `${path}[]`;
        } else {
          p = path ? `${path}.${prop}` : prop;
        }
        if (v === null || typeof v !== 'object') paths.add(p);
        return wrap(v, p);
      },
    });
  };
  const findings = check.evaluate(wrap(inventory, '') as Inventory, params);
  return { findings: JSON.parse(JSON.stringify(findings)) as Finding[], paths };
}

/** Values at a declared path (`[]` walks every element). */
function valuesAt(inventory: unknown, path: string): unknown[] {
  let current: unknown[] = [inventory];
  for (const segment of path.split('.')) {
    const many = segment.endsWith('[]');
    const key = many ? segment.slice(0, -2) : segment;
    current = current.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      return many ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return current;
}

function observedRoot(path: string): string | undefined {
  return observedRoots(path)[0];
}

/** Every prefix of a path that is an `Observed` (the part before `.value`, `.ok` or `.error`). */
function observedRoots(path: string): string[] {
  const roots: string[] = [];
  const re = /\.(ok|value|error)(?=\.|\[|$)/g;
  for (let m = re.exec(path); m; m = re.exec(path)) roots.push(path.slice(0, m.index));
  return roots;
}

function covered(path: string, reads: readonly string[]): boolean {
  if (identityPaths.some((r) => r.test(path))) return true;
  if (reads.some((r) => path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[]`))) return true;
  // Reading a container that turned out empty (null) is part of reading the fields below it.
  if (reads.some((r) => r.startsWith(`${path}.`) || r.startsWith(`${path}[]`))) return true;
  const rootPath = observedRoot(path);
  return rootPath !== undefined && /\.(ok|error)(\.|$)/.test(path.slice(rootPath.length)) && reads.some((r) => r.startsWith(`${rootPath}.`));
}

function statusFor(findings: Finding[]): string {
  if (findings.length === 0) return 'none';
  const statuses = new Set(findings.map((f) => f.status));
  return statuses.size === 1 ? [...statuses][0]! : [...statuses].sort().join('+');
}

describe('check catalog', () => {
  it('lists every check file exactly once, under an id equal to its file name and folder', () => {
    expect(checks.map((c) => `${c.service}/${c.id}.ts`).sort()).toEqual([...checkFiles].sort());
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('backs every S3 Security Hub control the reference table names', () => {
    const covered = new Set(checks.flatMap((c) => c.securityHub));
    for (const control of ['S3.1', 'S3.2', 'S3.3', 'S3.5', 'S3.6', 'S3.8', 'S3.9', 'S3.12', 'S3.14', 'S3.17', 'S3.22', 'S3.23']) {
      expect(covered, `no check backs ${control}`).toContain(control);
    }
  });

  for (const check of checks) {
    describe(check.id, () => {
      const fx = fixtures.get(check.id);
      const params = fx?.params;
      const pass = () => (fx?.pass ? fx.pass() : secureInventory());

      it('has valid metadata', () => {
        const result = checkMetadataSchema.safeParse(check);
        expect(result.success, result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toBe(true);
        if (check.params) expect(check.params.safeParse(params).success, 'fixture params must satisfy the params schema').toBe(true);
      });

      it('has fixtures next to it', () => {
        expect(fx, `src/checks/${check.service}/${check.id}.fixtures.ts must export fixtures`).toBeDefined();
      });
      if (!fx) return;

      it('passes the passing fixture, fails the failing one, reports nothing without resources', () => {
        const passing = check.evaluate(pass(), params);
        expect(passing.length).toBeGreaterThan(0);
        expect(passing.map((f) => [f.status, f.summary])).toEqual(passing.map((f) => ['pass', f.summary]));
        const broken = pass();
        fx.fail(broken);
        const failing = check.evaluate(broken, params);
        expect(failing.some((f) => f.status === 'fail')).toBe(true);
        for (const f of [...passing, ...failing]) {
          expect(f.checkId).toBe(check.id);
          expect(f.summary.length).toBeGreaterThan(15);
          expect(f.evidence.length, `finding without evidence: ${f.summary}`).toBeGreaterThan(0);
        }
        const empty: Inventory = { collectedAt: pass().collectedAt, account: pass().account };
        expect(check.evaluate(empty, params)).toEqual([]);
      });

      it('declares every field it reads, and each declared field has cases with both values', () => {
        const seen = new Set<string>();
        const runs: Inventory[] = [pass()];
        const broken = pass();
        fx.fail(broken);
        runs.push(broken);
        for (const inv of runs) for (const p of recordReads(inv, check, params).paths) seen.add(p);
        for (const [field, cases] of Object.entries(fx.fields)) {
          expect(check.reads, `fixture field ${field} is not in reads`).toContain(field);
          for (const c of cases) {
            const inv = pass();
            const before = JSON.stringify(valuesAt(inv, field));
            c.mutate(inv);
            // A case that must not pass has to change the field itself; passing cases may vary the context instead.
            if (c.expect !== 'pass') expect(JSON.stringify(valuesAt(inv, field)), `case "${c.description}" does not change ${field}`).not.toBe(before);
            const { findings, paths } = recordReads(inv, check, params);
            for (const p of paths) seen.add(p);
            expect(statusFor(findings), `case "${c.description}" on ${field}`).toBe(c.expect);
          }
        }
        const undeclared = [...seen].filter((p) => !covered(p, check.reads));
        expect(undeclared, 'evaluate reads fields not listed in reads').toEqual([]);
        for (const field of check.reads) {
          expect(
            [...seen].some((p) => p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[]`)),
            `${field} is declared but never read`,
          ).toBe(true);
          const cases = fx.fields[field] ?? [];
          expect(
            cases.some((c) => c.expect !== 'pass'),
            `${field} needs a fixture case whose value makes the check not pass`,
          ).toBe(true);
        }
      });

      it('never turns a failure into a pass when a value cannot be read', () => {
        const roots = new Set(check.reads.flatMap(observedRoots));
        for (const rootPath of roots) {
          const inv = pass();
          fx.fail(inv);
          const parentPath = rootPath.split('.').slice(0, -1).join('.');
          const key = rootPath.split('.').at(-1)!;
          const parents = parentPath ? valuesAt(inv, parentPath) : [inv];
          for (const parent of parents) if (parent && typeof parent === 'object') (parent as Record<string, unknown>)[key] = failed();
          const statuses = check.evaluate(inv, params).map((f) => f.status);
          expect(statuses, `making ${rootPath} unreadable turned a failing fixture into a pass`).not.toContain('pass');
        }
      });

      if (check.resourceType === 'AWS::S3::Bucket') {
        it('skips a bucket that does not exist and cannot check one whose existence is unreadable', () => {
          const gone = pass();
          gone.s3!.buckets[0]!.exists = { ok: true, value: false };
          expect(check.evaluate(gone, params).filter((f) => f.resource.type === 'AWS::S3::Bucket')).toEqual([]);
          const unreadable = pass();
          unreadable.s3!.buckets[0]!.exists = failed('AccessDenied', 'S3.HeadBucket');
          expect(check.evaluate(unreadable, params).map((f) => f.status)).toEqual(['unknown']);
        });
      }
    });
  }
});

