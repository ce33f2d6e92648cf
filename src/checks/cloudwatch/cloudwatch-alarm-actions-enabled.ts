import { couldNotCheck, finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudwatch-alarm-actions-enabled';

/** One finding per metric alarm (the lab engine keeps the alarm the task names). */
export default defineCheck({
  id,
  title: 'CloudWatch alarms have alarm actions, and their actions are enabled',
  service: 'cloudwatch',
  resourceType: 'AWS::CloudWatch::Alarm',
  severity: 'medium',
  risk: 'An alarm with no action, or with its actions disabled, changes colour on a dashboard and tells nobody. The incident it was built for happens anyway — quietly.',
  securityHub: ['CloudWatch.15', 'CloudWatch.17'],
  syllabus: ['4.2.S4', '4.1.S2'],
  remediation: {
    text: 'Give the alarm at least one AlarmAction (an SNS topic on-call subscribes to) and make sure its actions are enabled.',
    cli: 'aws cloudwatch enable-alarm-actions --alarm-names <alarm>',
    docs: 'Using Amazon CloudWatch alarms',
  },
  reads: ['cloudwatch.alarms.value'],
  scope: () => ({ cloudwatch: { alarms: true } }),
  evaluate(inventory) {
    const alarms = inventory.cloudwatch?.alarms;
    if (!alarms) return [];
    if (!alarms.ok) return [couldNotCheck(id, { type: 'AWS::CloudWatch::Alarm', id: '(alarms)' }, 'CloudWatch.DescribeAlarms', alarms.error, 'the alarms')];
    return alarms.value.map((a) => {
      const resource = { type: 'AWS::CloudWatch::Alarm', id: a.name, ...(a.arn ? { arn: a.arn } : {}) };
      const evidence = [
        { field: 'DescribeAlarms.AlarmActions', value: a.alarmActions.length ? a.alarmActions.join(', ') : '(none)', expected: 'at least one action' },
        { field: 'DescribeAlarms.ActionsEnabled', value: a.actionsEnabled, expected: 'true' },
      ];
      if (a.alarmActions.length === 0) return finding(id, resource, 'fail', `Alarm ${a.name} has no alarm action: it notifies nobody when it fires (CloudWatch.15).`, evidence);
      if (!a.actionsEnabled) return finding(id, resource, 'fail', `Alarm ${a.name} has actions but they are disabled (CloudWatch.17).`, evidence);
      return finding(id, resource, 'pass', `Alarm ${a.name} notifies ${a.alarmActions.join(', ')} when it fires.`, evidence);
    });
  },
});
