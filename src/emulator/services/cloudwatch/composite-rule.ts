/**
 * Composite alarm rules: ALARM(x), OK(x), INSUFFICIENT_DATA(x), TRUE, FALSE, AND, OR, NOT and
 * parentheses, where x is an alarm name (quoted or bare) or ARN. TRUE puts the composite in ALARM,
 * FALSE in OK; a rule naming an alarm that no longer exists leaves it INSUFFICIENT_DATA.
 */
import { cwTimestamp } from './alarm-text.ts';
import type { AlarmStateValue, CloudWatchState, StoredAlarm } from './state.ts';

export type RuleNode =
  | { type: 'const'; value: boolean }
  | { type: 'state'; state: AlarmStateValue; alarm: string }
  | { type: 'not'; operand: RuleNode }
  | { type: 'and' | 'or'; left: RuleNode; right: RuleNode };

export class RuleError extends Error {}

export function parseRule(text: string): RuleNode {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  const peekWord = () => tokens[pos]?.toUpperCase();
  const or = (): RuleNode => {
    let left = and();
    while (peekWord() === 'OR') {
      pos++;
      left = { type: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): RuleNode => {
    let left = not();
    while (peekWord() === 'AND') {
      pos++;
      left = { type: 'and', left, right: not() };
    }
    return left;
  };
  const not = (): RuleNode => {
    if (peekWord() === 'NOT') {
      pos++;
      return { type: 'not', operand: not() };
    }
    return primary();
  };
  const primary = (): RuleNode => {
    const t = tokens[pos];
    if (t === undefined) throw new RuleError('the rule ends too early');
    pos++;
    if (t === '(') {
      const inner = or();
      if (tokens[pos++] !== ')') throw new RuleError("a '(' is not closed");
      return inner;
    }
    const word = t.toUpperCase();
    if (word === 'TRUE' || word === 'FALSE') return { type: 'const', value: word === 'TRUE' };
    if (word === 'ALARM' || word === 'OK' || word === 'INSUFFICIENT_DATA') {
      if (tokens[pos++] !== '(') throw new RuleError(`${word} must be followed by (alarm-name)`);
      const name = tokens[pos++];
      if (name === undefined || name === ')') throw new RuleError(`${word}() needs an alarm name or ARN`);
      if (tokens[pos++] !== ')') throw new RuleError(`${word}(${name} is not closed`);
      const unquoted = /^["']/.test(name) ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
      return { type: 'state', state: word as AlarmStateValue, alarm: unquoted.replace(/^arn:[^:]+:cloudwatch:[^:]*:\d*:alarm:/, '') };
    }
    throw new RuleError(`unexpected '${t}'`);
  };
  if (!tokens.length) throw new RuleError('the rule is empty');
  const node = or();
  if (pos < tokens.length) throw new RuleError(`unexpected '${tokens[pos]}'`);
  return node;
}

export function ruleAlarms(node: RuleNode, out = new Set<string>()): Set<string> {
  if (node.type === 'state') out.add(node.alarm);
  else if (node.type === 'not') ruleAlarms(node.operand, out);
  else if (node.type === 'and' || node.type === 'or') {
    ruleAlarms(node.left, out);
    ruleAlarms(node.right, out);
  }
  return out;
}

export function evaluateComposite(state: CloudWatchState, alarm: StoredAlarm, now: number): { state: AlarmStateValue; reason: string; reasonData: string } | undefined {
  let node: RuleNode;
  try {
    node = parseRule(alarm.AlarmRule ?? '');
  } catch {
    return undefined;
  }
  const children = [...ruleAlarms(node)].map((name) => state.alarms.get(name));
  if (children.some((c) => c === undefined)) {
    return { state: 'INSUFFICIENT_DATA', reason: 'An alarm in the alarm rule does not exist.', reasonData: JSON.stringify({ triggeringAlarms: [] }) };
  }
  const evaluate = (n: RuleNode): boolean => {
    switch (n.type) {
      case 'const': return n.value;
      case 'state': return state.alarms.get(n.alarm)!.StateValue === n.state;
      case 'not': return !evaluate(n.operand);
      case 'and': return evaluate(n.left) && evaluate(n.right);
      case 'or': return evaluate(n.left) || evaluate(n.right);
    }
  };
  const result = evaluate(node);
  const triggering = (children as StoredAlarm[]).filter((c) => c.StateValue === 'ALARM').sort((a, b) => b.StateUpdatedTimestamp.getTime() - a.StateUpdatedTimestamp.getTime());
  const latest = triggering[0] ?? [...(children as StoredAlarm[])].sort((a, b) => b.StateUpdatedTimestamp.getTime() - a.StateUpdatedTimestamp.getTime())[0];
  const reason = latest ? `${latest.AlarmArn} transitioned to ${latest.StateValue} at ${longDate(latest.StateUpdatedTimestamp)}` : `Rule evaluated to ${result ? 'TRUE' : 'FALSE'} at ${longDate(new Date(now))}`;
  return {
    state: result ? 'ALARM' : 'OK',
    reason,
    reasonData: JSON.stringify({ triggeringAlarms: triggering.map((c) => ({ arn: c.AlarmArn, state: { value: c.StateValue, timestamp: cwTimestamp(c.StateUpdatedTimestamp) } })) }),
  };
}

/** Monday 01 March, 2021 10:00:00 UTC — the date format of composite alarm reasons. */
function longDate(d: Date): string {
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${two(d.getUTCDate())} ${months[d.getUTCMonth()]}, ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}
