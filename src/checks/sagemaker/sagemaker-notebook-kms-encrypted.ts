import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { needsAliases, resolveKeyId } from '../lib/kms.ts';
import { evaluateFamilies, notebookKind } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-notebook-kms-encrypted';

const params = z
  .strictObject({
    /** The customer managed key the notebook volume must use (alias name, alias ARN, key id or key ARN). Without it any customer managed key passes. */
    key: z.string().min(1).optional(),
  })
  .optional();

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'SageMaker notebook volumes are encrypted with a customer managed KMS key',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  severity: 'medium',
  risk: 'Without a key of your own the notebook’s storage volume — datasets, credentials cached by tools, model checkpoints — is encrypted with a key AWS manages: your key policy cannot limit who decrypts it, and you cannot cut access by disabling the key.',
  securityHub: ['SageMaker.21'],
  prowler: 'sagemaker_notebook_instance_encryption_enabled',
  syllabus: ['4.3.K2', '4.3.S1'],
  remediation: {
    text: 'The key cannot be changed on an existing notebook: launch the replacement with --kms-key-id naming the team’s customer managed key, then delete the old notebook.',
    cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type ml.t3.medium --role-arn <role-arn> --kms-key-id <key-arn> --subnet-id <subnet-id> --security-group-ids <sg-id> --direct-internet-access Disabled',
    docs: 'Data Protection in Amazon SageMaker AI',
  },
  reads: ['sagemakerNotebooks.notebooks[].members.value[].kmsKeyId', 'kms.aliases.value'],
  params,
  scope: (selector, p) => ({ sagemakerNotebooks: { prefixes: selector.names ?? [] }, ...(p?.key ? { kms: { aliases: true } } : {}) }),
  evaluate(inventory, p) {
    return evaluateFamilies(inventory.sagemakerNotebooks?.notebooks, id, notebookKind, (notebook, resource) => {
      const evidence = [{ field: `DescribeNotebookInstance(${notebook.name}).KmsKeyId`, value: notebook.kmsKeyId ?? 'none (AWS managed encryption)', expected: p?.key ?? 'a customer managed key' }];
      if (!notebook.kmsKeyId) return finding(id, resource, 'fail', `Notebook ${notebook.name} has no KmsKeyId: its volume is encrypted with a key AWS manages, not the team’s${p?.key ? ` (${p.key})` : ''}.`, evidence);
      if (!p?.key) return finding(id, resource, 'pass', `Notebook ${notebook.name} encrypts its volume with KMS key ${notebook.kmsKeyId}.`, evidence);
      const aliases = inventory.kms?.aliases;
      if ((needsAliases(p.key) || needsAliases(notebook.kmsKeyId)) && (!aliases || !aliases.ok)) {
        return couldNotCheck(id, resource, 'KMS.ListAliases', aliases && !aliases.ok ? aliases.error : { code: 'NotCollected', message: 'KMS aliases were not read' }, 'which key the alias names');
      }
      const list = aliases?.ok ? aliases.value : [];
      const expected = resolveKeyId(p.key, list);
      const configured = resolveKeyId(notebook.kmsKeyId, list);
      evidence.push({ field: 'resolved key ids', value: `notebook uses ${configured ?? 'an alias that does not exist'}; team key is ${expected ?? 'missing'}`, expected: 'the same key' });
      if (!expected) return finding(id, resource, 'fail', `The team's key ${p.key} does not exist any more, so notebook ${notebook.name} cannot be using it.`, evidence);
      if (configured === expected) return finding(id, resource, 'pass', `Notebook ${notebook.name} encrypts its volume with the team's key ${p.key}.`, evidence);
      return finding(id, resource, 'fail', `Notebook ${notebook.name} encrypts its volume with KMS key ${notebook.kmsKeyId}, which is not the team's key ${p.key}.`, evidence);
    });
  },
});
