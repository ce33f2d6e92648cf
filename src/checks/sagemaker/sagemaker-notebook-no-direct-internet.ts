import { finding } from '../lib/findings.ts';
import { evaluateFamilies, notebookKind } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-notebook-no-direct-internet';

export default defineCheck({
  id,
  title: 'SageMaker notebook instances have direct internet access disabled',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  severity: 'high',
  risk: 'With direct internet access SageMaker gives the notebook its own route to the internet, outside your VPC’s controls: any code run in it — a copied snippet, a malicious package — can send training data anywhere and download anything, and none of it passes your network monitoring.',
  securityHub: ['SageMaker.1'],
  prowler: 'sagemaker_notebook_instance_without_direct_internet_access_configured',
  syllabus: ['4.3.S5', '4.3.K3', '4.3.K2'],
  remediation: {
    text: 'Direct internet access cannot be changed on an existing notebook. Launch a replacement in a private subnet of your VPC with DirectInternetAccess Disabled (it then reaches AWS through VPC endpoints), move the work over, and delete the old notebook.',
    cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type ml.t3.medium --role-arn <role-arn> --subnet-id <private-subnet-id> --security-group-ids <sg-id> --direct-internet-access Disabled',
    docs: 'Connect a Notebook Instance in a VPC to External Resources',
  },
  reads: ['sagemakerNotebooks.notebooks[].members.value[].directInternetAccess'],
  scope: (selector) => ({ sagemakerNotebooks: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateFamilies(inventory.sagemakerNotebooks?.notebooks, id, notebookKind, (notebook, resource) => {
      const value = notebook.directInternetAccess ?? 'Enabled (not reported: AWS’s default)';
      const evidence = [{ field: `DescribeNotebookInstance(${notebook.name}).DirectInternetAccess`, value, expected: 'Disabled' }];
      if (notebook.directInternetAccess === 'Disabled') return finding(id, resource, 'pass', `Notebook ${notebook.name} has no direct internet access: its traffic goes through the VPC.`, evidence);
      return finding(id, resource, 'fail', `Notebook ${notebook.name} has direct internet access (${value}): SageMaker routes its traffic to the internet outside your VPC.`, evidence);
    });
  },
});
