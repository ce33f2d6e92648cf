/**
 * Decisions for people: the JSON of GET /_mlsec/explain, and the same as readable text
 * (`?format=text`), naming for every evaluation the statements that applied — which statement
 * (Sid and index) of which policy (type, name or ARN, where it is attached) with which effect.
 */
import type { MatchedStatement } from '../policy/index.ts';
import type { DecisionRecord, Evaluation } from './decision-log.ts';

const TYPE_WORDS: Record<MatchedStatement['policyType'], string> = {
  identity: 'identity-based policy',
  permissionsBoundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  resource: 'resource-based policy',
};

const DECISION_WORDS = { allowed: 'ALLOWED', explicitDeny: 'DENIED (explicit deny)', implicitDeny: 'DENIED (implicit deny: nothing allowed it)' } as const;

function statementLine(s: MatchedStatement): string {
  const which = s.sid ? `statement "${s.sid}" (#${s.statementIndex})` : `statement #${s.statementIndex}`;
  const policy = s.policyArn && s.policyArn !== s.policyName ? `${s.policyName} (${s.policyArn})` : s.policyName;
  const where = s.policySource ? ` — ${s.policySource}` : s.orgTarget ? ` — attached to ${s.orgTarget}` : '';
  return `    ${s.effect.padEnd(5)} ${TYPE_WORDS[s.policyType]}: ${policy}, ${which}${where}`;
}

function evaluationText(e: Evaluation): string[] {
  const lines = [`  ${e.action} on ${e.resource}${e.viaService ? ` (on the caller's behalf, via ${e.viaService})` : ''}: ${DECISION_WORDS[e.decision]}`];
  lines.push(`    ${e.summary}`);
  if (e.s3) lines.push(`    S3: ${e.s3}`);
  if (e.message) lines.push(`    AccessDenied message: ${e.message}`);
  if (e.matchedStatements.length) {
    lines.push('    Statements that applied:');
    for (const s of e.matchedStatements) lines.push(`  ${statementLine(s)}`);
  } else {
    lines.push('    No statement of any policy applied to this request.');
  }
  const keys = Object.entries(e.context);
  if (keys.length) lines.push(`    Request context: ${keys.map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`).join(', ')}`);
  return lines;
}

export function explanationText(record: DecisionRecord): string {
  const head = `Request ${record.requestId} at ${record.time}: ${record.service} ${record.operation} by ${record.principal.arn}${record.principal.accessKeyId ? ` (access key ${record.principal.accessKeyId})` : ''}`;
  const where = `  account ${record.accountId}, region ${record.region}, from ${record.sourceIp} over ${record.secure ? 'HTTPS' : 'plain HTTP'}`;
  return [head, where, `  Decision: ${DECISION_WORDS[record.decision]}`, ...record.evaluations.flatMap(evaluationText), ''].join('\n');
}

export function explanationsText(records: readonly DecisionRecord[]): string {
  return records.length ? records.map(explanationText).join('\n') : 'No decisions recorded yet for this filter.\n';
}
