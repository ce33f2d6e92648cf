/**
 * Helpers for lab probes (calls made at grading time whose outcome is graded): attempt a call and
 * classify the answer, and act as another principal after `sts:AssumeRole`.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { toAwsErrorInfo, type AwsClients } from '../../aws/index.ts';
import type { ProbeOutcome } from '../../inventory/types.ts';
import type { LabContext } from '../definition.ts';

const deniedCodes = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'Forbidden']);

/** Runs `call` and reports it as allowed (it succeeded), denied (an authorization error) or error (anything else). */
export async function attempt(description: string, call: () => Promise<unknown>): Promise<ProbeOutcome> {
  try {
    await call();
    return { description, outcome: 'allowed' };
  } catch (error) {
    const info = toAwsErrorInfo(error);
    return { description, outcome: deniedCodes.has(info.code) ? 'denied' : 'error', errorCode: info.code, message: info.message };
  }
}

/**
 * Clients acting as a role assumed with the lab's own credentials (e.g. a member account's
 * OrganizationAccountAccessRole). Call `destroy()` on the result when done.
 */
export async function assumeRoleClients(ctx: LabContext, roleArn: string, sessionName = ctx.prefix): Promise<AwsClients> {
  const sts = await ctx.aws.client('sts');
  const answer = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName.slice(0, 64), DurationSeconds: 900 }));
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
  return ctx.aws.withCredentials({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
}
