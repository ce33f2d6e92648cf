/**
 * The lab terminal's server side: one `aws …` line at a time through the AWS CLI engine
 * (src/aws-cli), with the learner's lab clients (the session's target, credentials and sandbox
 * guard, via src/aws's `regionalClientFactory`). Never a shell: the engine tokenizes the line itself
 * and refuses pipes, redirects, variables and substitutions; files come from the session's memory store.
 */
import { z } from 'zod';
import { regionalClientFactory } from '../aws/index.ts';
import { completeAwsCommand, runAwsCommand, type Completion, type RunResult } from '../aws-cli/index.ts';
import { conflict } from './api.ts';
import { ownSession, type LabCaller } from './sessions.ts';

export const runSchema = z.strictObject({
  line: z.string().max(16_384, 'is longer than 16384 characters; put long JSON values in a file:// reference'),
  /** Terminal columns, for `--output table`. */
  columns: z.number().int().min(20).max(500).optional(),
});

export const completeSchema = z.strictObject({
  line: z.string().max(16_384),
  cursor: z.number().int().min(0).optional(),
});

/** States in which the lab's resources exist for the learner to work on. */
const workable = new Set(['ready', 'passed', 'checking', 'solving']);

export async function runTerminalLine(req: LabCaller, sessionId: string, input: z.infer<typeof runSchema>): Promise<RunResult & { durationMs: number }> {
  const record = await ownSession(req, sessionId);
  await req.scope?.act();
  if (!workable.has(record.state)) {
    const why =
      record.state === 'done'
        ? 'the session has ended and its environment is gone. Start the lab again to get a new one.'
        : record.state === 'failed'
          ? 'the lab environment is not usable (see the failure on the page). Retry or tear it down first.'
          : `the lab environment is not ready yet (${record.state}). Wait until the page says Ready.`;
    throw conflict(`The terminal cannot run commands now: ${why}`);
  }
  const started = performance.now();
  const service = req.service;
  const factory = regionalClientFactory(await service.clients());
  try {
    const result = await runAwsCommand(input.line, {
      clientFactory: factory as never,
      region: record.target.region,
      files: req.rt.files(sessionId),
      terminalWidth: input.columns ?? 100,
    });
    return { ...result, durationMs: Math.round(performance.now() - started) };
  } finally {
    factory.destroy();
  }
}

export async function completeTerminalLine(req: LabCaller, sessionId: string, input: z.infer<typeof completeSchema>): Promise<Completion> {
  await ownSession(req, sessionId);
  const cursor = Math.min(input.cursor ?? input.line.length, input.line.length);
  return completeAwsCommand(input.line, cursor, { files: req.rt.files(sessionId) });
}
