/**
 * The lessons' "Try it" blocks use `aws iam simulate-custom-policy` to show how a policy decides;
 * each lesson's text states the result. These tests run every such command against the emulator —
 * through the SDK always (the command's arguments turned into a SimulateCustomPolicy request), and
 * through the installed AWS CLI when there is one — and compare with what the lesson says.
 *
 * EXPECTED holds the results as each lesson's text states them, in the order its commands appear;
 * a lesson that gains, loses or changes such a command fails here until the table is updated.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IAMClient, SimulateCustomPolicyCommand, type ContextEntry, type ContextKeyTypeEnum } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLessonFiles } from '../../../src/curriculum/lesson-files.ts';
import { extractTryItBlocks, type TryItCommand } from '../../../src/curriculum/try-it.ts';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI_AVAILABLE, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { clientConfig, emulator } from './support.ts';

const root = resolve(import.meta.dirname, '../../..');

/** Per lesson file, per simulate command: [action, resource or undefined, decision, AllowedByPermissionsBoundary?] rows. */
type Row = [action: string, resource: string | undefined, decision: string, boundary?: boolean];
const EXPECTED: Record<string, Row[][]> = {
  'content/lessons/4.3/iam-for-ml-workloads.mdx': [[
    // "Expect allowed only for InvokeEndpoint on the churn endpoint and implicitDeny for the rest."
    ['sagemaker:InvokeEndpoint', 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/mlsec-demo-churn-prod', 'allowed'],
    ['sagemaker:InvokeEndpoint', 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/mlsec-demo-fraud-prod', 'implicitDeny'],
    ['sagemaker:DeleteEndpoint', 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/mlsec-demo-churn-prod', 'implicitDeny'],
    ['sagemaker:DeleteEndpoint', 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/mlsec-demo-fraud-prod', 'implicitDeny'],
  ]],
  'content/lessons/4.3/troubleshooting-access-denied.mdx': [
    // "allowed for s3:GetObject and implicitDeny for kms:Decrypt in the first table"
    [['s3:GetObject', undefined, 'allowed'], ['kms:Decrypt', undefined, 'implicitDeny']],
    // "explicitDeny without the endpoint and allowed with it"
    [['s3:GetObject', undefined, 'explicitDeny']],
    [['s3:GetObject', undefined, 'allowed']],
    // "implicitDeny for CreateTrainingJob with AllowedByPermissionsBoundary false in the last one"
    [['sagemaker:CreateTrainingJob', undefined, 'implicitDeny', false], ['s3:GetObject', undefined, 'allowed', true]],
  ],
  'content/lessons/4.3/secure-ml-cicd-and-lineage.mdx': [
    // "explicitDeny when the request sets Approved and allowed for Rejected"
    [['sagemaker:UpdateModelPackage', undefined, 'explicitDeny']],
    [['sagemaker:UpdateModelPackage', undefined, 'allowed']],
  ],
  'content/lessons/4.3/least-privilege-for-ml-artifacts.mdx': [
    // "allowed for reading the training data and writing under churn/output/, and implicitDeny for everything else"
    [['s3:GetObject', undefined, 'allowed'], ['s3:PutObject', undefined, 'implicitDeny'], ['s3:DeleteObject', undefined, 'implicitDeny']],
    [['s3:PutObject', 'arn:aws:s3:::mlsec-demo-model-artifacts/churn/output/model.tar.gz', 'allowed'], ['s3:PutObject', 'arn:aws:s3:::mlsec-demo-model-artifacts/fraud/output/model.tar.gz', 'implicitDeny']],
  ],
  'content/lessons/4.3/organizations-and-scps.mdx': [
    // "explicitDeny for the job without subnets and for CreateEndpoint in ap-southeast-2, and allowed for the job with subnets and for the global iam:CreateRole"
    [['sagemaker:CreateTrainingJob', undefined, 'explicitDeny']],
    [['sagemaker:CreateTrainingJob', undefined, 'allowed']],
    [['sagemaker:CreateEndpoint', undefined, 'explicitDeny'], ['iam:CreateRole', undefined, 'allowed']],
  ],
};

function simulateCommands(): Map<string, TryItCommand[]> {
  const out = new Map<string, TryItCommand[]>();
  for (const file of findLessonFiles(root).filter((f) => f.extension === 'mdx')) {
    const commands = extractTryItBlocks(readFileSync(join(root, file.path), 'utf8')).flatMap((b) => b.commands).filter((c) => c.argv[1] === 'iam' && c.argv[2]?.startsWith('simulate-'));
    if (commands.length) out.set(file.path, commands);
  }
  return out;
}

/** The values of an option up to the next `--option`. */
function option(argv: readonly string[], name: string): string[] {
  const i = argv.indexOf(name);
  if (i === -1) return [];
  const values: string[] = [];
  for (let j = i + 1; j < argv.length && !argv[j]!.startsWith('--'); j++) values.push(argv[j]!);
  return values;
}

/** `ContextKeyName=k,ContextKeyValues=v1,ContextKeyType=t` (the CLI's shorthand) to a ContextEntry. */
function contextEntry(shorthand: string): ContextEntry {
  const fields = Object.fromEntries(shorthand.split(/,(?=ContextKey)/).map((p) => p.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { ContextKeyName: fields.ContextKeyName, ContextKeyValues: fields.ContextKeyValues!.split(','), ContextKeyType: fields.ContextKeyType as ContextKeyTypeEnum };
}

function rowsOf(results: { EvalActionName?: string; EvalResourceName?: string; EvalDecision?: string; PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean } }[], expected: Row[]): Row[] {
  return results.map((r, i) => {
    const row: Row = [r.EvalActionName!, expected[i]?.[1] === undefined ? undefined : r.EvalResourceName, r.EvalDecision!];
    if (expected[i]?.length === 4) row.push(r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary);
    return row;
  });
}

describe('the lessons’ policy simulator commands give the results their lessons state', () => {
  let emu: RunningEmulator;
  const found = simulateCommands();

  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.stop());

  it('knows every lesson that simulates policies', () => {
    expect(new Map([...found].map(([path, commands]) => [path, commands.length]))).toEqual(new Map(Object.entries(EXPECTED).map(([path, rows]) => [path, rows.length])));
  });

  for (const [path, commands] of found) {
    it(`${path}: through the SDK`, async () => {
      const iam = new IAMClient(clientConfig(emu.url));
      for (const [i, command] of commands.entries()) {
        const expected = EXPECTED[path]![i]!;
        expect(command.argv[2], `line ${command.line}`).toBe('simulate-custom-policy');
        const out = await iam.send(new SimulateCustomPolicyCommand({
          PolicyInputList: option(command.argv, '--policy-input-list'),
          PermissionsBoundaryPolicyInputList: option(command.argv, '--permissions-boundary-policy-input-list'),
          ActionNames: option(command.argv, '--action-names'),
          ResourceArns: option(command.argv, '--resource-arns'),
          ContextEntries: option(command.argv, '--context-entries').map(contextEntry),
        }));
        expect(rowsOf(out.EvaluationResults!, expected), `${path}:${command.line}`).toEqual(expected);
      }
    });
  }

  if (!AWS_CLI_AVAILABLE) console.warn(awsCliSkipMessage('iam-simulation-lessons.test.ts (the lessons\' commands through the AWS CLI; the SDK tests above still run every command)'));
  describe.skipIf(!AWS_CLI_AVAILABLE)('through the AWS CLI, as written in the lesson', () => {
    let aws: AwsCli;
    beforeAll(() => {
      // Asynchronously (the emulator serves from this test process), as a learner's shell: endpoint from AWS_ENDPOINT_URL.
      aws = new AwsCli(emu.url, { endpointFlag: false, jsonOutput: false });
    });
    afterAll(() => aws?.dispose());

    for (const [path, commands] of found) {
      it(path, async () => {
        for (const [i, command] of commands.entries()) {
          const expected = EXPECTED[path]![i]!;
          // The lesson's own --query, with JSON output instead of a table so it can be compared.
          const argv = command.argv.slice(1).map((a, j, all) => (all[j - 1] === '--output' ? 'json' : a));
          const result = await aws.run(argv);
          expect(result.code, `${path}:${command.line}: ${result.stderr}`).toBe(0);
          const rows = result.json as unknown[][];
          // The lesson's --query picks [action, (resource,) decision (, boundary)]: drop the columns the expectation leaves out.
          const want = expected.map((r) => r.filter((v, k) => !(k === 1 && v === undefined)));
          expect(rows, `${path}:${command.line}`).toEqual(want);
        }
      });
    }
  });
});
