import { couldNotCheck, finding } from '../lib/findings.ts';
import { evaluateRoles, roleResource, roleStatements, statementEvidence } from '../lib/iam.ts';
import { asArray, globMatch, isAllow } from '../lib/policy.ts';
import { defineCheck } from '../types.ts';

const id = 'iam-role-no-kms-decrypt-on-all-keys';

const decryptActions = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/**
 * A Resource "covers all keys" when it matches a key id nobody chose — then it matches every key in
 * the account, whatever it is written as (`*`, `arn:aws:kms:*:*:key/*`, `arn:aws:kms:<region>:<account>:*`).
 * Like the AWS Config rule behind KMS.1/KMS.2, conditions are not considered.
 */
function coversAllKeys(resources: string[], notResource: boolean, account: { id: string; region: string; partition: string }): boolean {
  const anyKey = `arn:${account.partition}:kms:${account.region}:${account.id}:key/0f1e2d3c-any0-key0-that0-exists0000000`;
  const matches = resources.some((p) => globMatch(p, anyKey));
  return notResource ? !matches : matches;
}

export default defineCheck({
  id,
  title: 'IAM roles have no policy of their own allowing KMS decryption with every key',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'medium',
  risk: 'kms:Decrypt on every key lets the role read anything encrypted in the account that it can fetch — other teams\' datasets, secrets, backups — instead of only the data its own key protects. Encryption then no longer separates anyone.',
  securityHub: ['KMS.1', 'KMS.2'],
  syllabus: ['4.3.S1', '4.3.S2', '4.3.K2'],
  remediation: {
    text: 'Allow kms:Decrypt (and kms:ReEncryptFrom, if needed at all) only on the ARNs of the keys the workload uses, in the role\'s inline and customer managed policies.',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"<key-arn>"}]}\'',
    docs: 'Security Hub controls for AWS KMS: KMS.1 and KMS.2',
  },
  reads: ['iam.roles[].policies.value[].document', 'iam.roles[].policies.value[].kind', 'iam.roles[].policies.value[].name'],
  scope: (selector) => ({ iam: { roles: selector } }),
  evaluate(inventory) {
    return evaluateRoles(inventory, id, (role) => {
      const resource = roleResource(role);
      if (!role.policies.ok) return couldNotCheck(id, resource, 'ListRolePolicies/ListAttachedRolePolicies', role.policies.error, "the role's policies");
      // KMS.1 covers customer managed policies and KMS.2 inline ones; AWS managed policies are out of scope for both.
      const own = role.policies.value.filter((p) => p.kind !== 'aws-managed');
      const offending = roleStatements(own).filter((s) => {
        if (!isAllow(s.statement)) return false;
        const granted = s.statement.NotAction !== undefined ? decryptActions.filter((a) => !asArray(s.statement.NotAction).some((p) => globMatch(p, a, true))) : decryptActions.filter((a) => asArray(s.statement.Action).some((p) => globMatch(p, a, true)));
        if (granted.length === 0) return false;
        const notResource = s.statement.NotResource !== undefined;
        return coversAllKeys(asArray(notResource ? s.statement.NotResource : s.statement.Resource), notResource, inventory.account);
      });
      if (offending.length === 0) {
        return finding(id, resource, 'pass', `None of the role's own policies (${own.map((p) => p.name).join(', ') || 'none'}) allows kms:Decrypt or kms:ReEncryptFrom on every key.`, [
          { field: 'inline and customer managed policies', value: own.map((p) => p.name), expected: 'decryption only on named key ARNs' },
        ]);
      }
      const controls = [...new Set(offending.map((o) => (o.policy.kind === 'inline' ? 'KMS.2' : 'KMS.1')))].sort().join(', ');
      return finding(
        id,
        resource,
        'fail',
        `The role may decrypt with every KMS key in the account (${controls}): ${[...new Set(offending.map((o) => o.where.split(', statement')[0]))].join(' and ')} allow${offending.length === 1 ? 's' : ''} decryption on a Resource that matches all keys.`,
        offending.map((o) => statementEvidence(o.where, o.statement, 'kms:Decrypt/kms:ReEncryptFrom only on specific key ARNs')),
      );
    });
  },
});
