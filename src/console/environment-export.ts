/**
 * The environment variables that point the learner's own AWS CLI or SDK at their lab session's
 * environment (what `npm run lab -- env` prints for the CLI): endpoint, region and, on local
 * targets and embedded workshop tenants, the credentials of that environment only. Real-account
 * targets never hand out credentials.
 */
import { conflict } from './api.ts';
import { ownSession, type LabCaller } from './sessions.ts';

const shellQuote = (value: string) => (/^[A-Za-z0-9_./:@=+-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

export async function sessionEnvironment(req: LabCaller, sessionId: string): Promise<{ variables: Record<string, string>; exports: string }> {
  const record = await ownSession(req, sessionId);
  if (!record.active) throw conflict('The session has ended and its environment is gone. Start the lab again to get a new one.');
  const variables = (await req.service.target()).learnerEnvironment();
  return { variables, exports: Object.entries(variables).map(([name, value]) => `export ${name}=${shellQuote(value)}`).join('\n') + '\n' };
}
