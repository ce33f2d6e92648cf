import { finding } from '../lib/findings.ts';
import { evaluateFamilies, notebookKind } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-notebook-root-access-disabled';

export default defineCheck({
  id,
  title: 'SageMaker notebook instances do not give users root access',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  severity: 'high',
  risk: 'With root access every notebook user can change the instance itself — install system packages, alter the network configuration, read other users’ files and disable the lifecycle script’s protections — so one compromised session owns the whole notebook and its credentials.',
  securityHub: ['SageMaker.3'],
  prowler: 'sagemaker_notebook_instance_root_access_disabled',
  syllabus: ['4.3.K2', '4.3.S1'],
  remediation: {
    text: 'Stop the notebook and update it with root access disabled (or launch the replacement with it disabled); install what users need through a lifecycle configuration, which still runs as root.',
    cli: 'aws sagemaker update-notebook-instance --notebook-instance-name <name> --root-access Disabled',
    docs: 'Control root access to a SageMaker notebook instance',
  },
  reads: ['sagemakerNotebooks.notebooks[].members.value[].rootAccess'],
  scope: (selector) => ({ sagemakerNotebooks: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateFamilies(inventory.sagemakerNotebooks?.notebooks, id, notebookKind, (notebook, resource) => {
      const value = notebook.rootAccess ?? 'Enabled (not reported: AWS’s default)';
      const evidence = [{ field: `DescribeNotebookInstance(${notebook.name}).RootAccess`, value, expected: 'Disabled' }];
      if (notebook.rootAccess === 'Disabled') return finding(id, resource, 'pass', `Users of notebook ${notebook.name} have no root access.`, evidence);
      return finding(id, resource, 'fail', `Users of notebook ${notebook.name} have root access (${value}).`, evidence);
    });
  },
});
