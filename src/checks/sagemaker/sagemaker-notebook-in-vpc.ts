import { finding } from '../lib/findings.ts';
import { evaluateFamilies, notebookKind } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-notebook-in-vpc';

export default defineCheck({
  id,
  title: 'SageMaker notebook instances run in a subnet of your VPC',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  severity: 'high',
  risk: 'A notebook launched without a subnet lives in a network SageMaker manages: your security groups, network ACLs, VPC endpoints and flow logs do not apply to it, so you can neither restrict nor observe where its data goes.',
  securityHub: ['SageMaker.2'],
  prowler: 'sagemaker_notebook_instance_vpc_settings_configured',
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'The subnet cannot be changed on an existing notebook: launch a replacement with a subnet and security groups of your VPC, then delete the old notebook.',
    cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type ml.t3.medium --role-arn <role-arn> --subnet-id <subnet-id> --security-group-ids <sg-id> --direct-internet-access Disabled',
    docs: 'Connect to SageMaker AI Within your VPC',
  },
  reads: ['sagemakerNotebooks.notebooks[].members.value[].subnetId'],
  scope: (selector) => ({ sagemakerNotebooks: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateFamilies(inventory.sagemakerNotebooks?.notebooks, id, notebookKind, (notebook, resource) => {
      const evidence = [{ field: `DescribeNotebookInstance(${notebook.name}).SubnetId`, value: notebook.subnetId ?? 'none', expected: 'a subnet of your VPC' }];
      if (notebook.subnetId) return finding(id, resource, 'pass', `Notebook ${notebook.name} runs in subnet ${notebook.subnetId} of your VPC.`, evidence);
      return finding(id, resource, 'fail', `Notebook ${notebook.name} has no subnet: it runs outside your VPC, where your security groups and endpoints do not apply.`, evidence);
    });
  },
});
