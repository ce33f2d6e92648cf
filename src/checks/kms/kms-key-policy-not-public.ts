import type { PolicyStatement } from '../../inventory/types.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { aliasResource, evaluateAliasedKeys } from '../lib/kms.ts';
import { conditionsOf, isAllow, isEveryonePrincipal, restrictingCondition, statementLabel, statementsOf } from '../lib/policy.ts';
import { defineCheck } from '../types.ts';

const id = 'kms-key-policy-not-public';

/**
 * Besides the keys that make any resource policy non-public (aws:SourceAccount, aws:PrincipalOrgID …),
 * key policies are commonly limited with kms:CallerAccount (AWS managed keys do it).
 */
function restricted(statement: PolicyStatement): boolean {
  if (restrictingCondition(statement)) return true;
  return conditionsOf(statement).some((c) => c.key === 'kms:calleraccount' && /^(StringEquals|ForAnyValue:StringEquals)$/i.test(c.operator) && c.values.length > 0 && c.values.every((v) => /^\d{12}$/.test(v)));
}

export default defineCheck({
  id,
  title: 'KMS key policies do not grant access to everyone (Principal "*")',
  service: 'kms',
  resourceType: 'AWS::KMS::Alias',
  severity: 'critical',
  risk: 'A key policy is the first word on who may use a key. An Allow for Principal "*" without a condition lets any AWS principal — in any account — use the key for what it grants, so encryption no longer keeps anyone out of the data.',
  securityHub: ['KMS.5'],
  prowler: 'kms_key_not_publicly_accessible',
  syllabus: ['4.3.K2', '4.3.S1'],
  remediation: {
    text: 'Remove statements that allow Principal "*" (or {"AWS": "*"}), or limit them with a condition fixing aws:PrincipalAccount / kms:CallerAccount / aws:PrincipalOrgID. Keep the statement that lets the account root delegate to IAM, so the key stays manageable.',
    cli: 'aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://key-policy.json',
    docs: 'Key policies in AWS KMS',
  },
  reads: ['kms.aliasLookups', 'kms.aliases.value', 'kms.keys[].keyId', 'kms.keys[].policy.value'],
  scope: (selector) => ({ kms: { keys: { aliasNames: selector.names ?? [] } } }),
  evaluate(inventory) {
    return evaluateAliasedKeys(inventory, id, (key, alias) => {
      const resource = aliasResource(alias, key);
      if (!key.policy.ok) return couldNotCheck(id, resource, 'GetKeyPolicy', key.policy.error, 'the key policy');
      const open = statementsOf(key.policy.value)
        .map((statement, index) => ({ statement, index }))
        .filter(({ statement }) => isAllow(statement) && isEveryonePrincipal(statement) && !restricted(statement));
      if (open.length === 0) {
        return finding(id, resource, 'pass', `The key policy of ${alias} (${key.keyId}) grants nothing to everyone.`, [
          { field: `GetKeyPolicy(${key.keyId})`, value: key.policy.value, expected: 'no Allow for Principal "*" without a restricting condition' },
        ]);
      }
      return finding(
        id,
        resource,
        'fail',
        `The key policy of ${alias} (${key.keyId}) lets anyone use the key: ${open.map(({ statement, index }) => statementLabel(statement, index)).join(', ')} allow${open.length === 1 ? 's' : ''} Principal "*" with no condition limiting it to known accounts.`,
        open.map(({ statement, index }) => ({ field: `GetKeyPolicy(${key.keyId}).${statementLabel(statement, index)}`, value: statement, expected: 'no Allow for "*" unless a condition fixes the caller\'s account or organization' })),
      );
    });
  },
});
