import { describePermission, worldSources } from '../lib/ec2.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { evaluateFamilies, notebookKind } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-notebook-private-network';

export default defineCheck({
  id,
  title: 'SageMaker notebooks sit in a private subnet behind security groups closed to the internet',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  severity: 'high',
  risk: 'A notebook in a subnet routed to an internet gateway, or behind a security group that admits the internet, is reachable from and can reach the internet despite being "in the VPC": putting it in the VPC only helps if the subnet is private and the group admits nothing from outside.',
  securityHub: [],
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'Launch the notebook in a subnet whose route table has no route to an internet gateway and that does not assign public IPs, with a security group that admits nothing from 0.0.0.0/0 or ::/0; reach SageMaker and S3 through VPC endpoints.',
    cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type ml.t3.medium --role-arn <role-arn> --subnet-id <private-subnet-id> --security-group-ids <restrictive-sg-id> --direct-internet-access Disabled',
    docs: 'Connect to SageMaker AI Within your VPC',
  },
  reads: ['sagemakerNotebooks.notebooks[].members.value[].subnetId', 'sagemakerNotebooks.notebooks[].members.value[].subnet.value', 'sagemakerNotebooks.notebooks[].members.value[].securityGroups.value'],
  scope: (selector) => ({ sagemakerNotebooks: { prefixes: selector.names ?? [], network: true } }),
  evaluate(inventory) {
    return evaluateFamilies(inventory.sagemakerNotebooks?.notebooks, id, notebookKind, (notebook, resource) => {
      if (!notebook.subnetId) {
        return finding(id, resource, 'fail', `Notebook ${notebook.name} is not in your VPC at all, so no subnet or security group of yours protects it.`, [{ field: `DescribeNotebookInstance(${notebook.name}).SubnetId`, value: 'none', expected: 'a private subnet' }]);
      }
      const subnet = notebook.subnet;
      if (!subnet) return couldNotCheck(id, resource, 'EC2.DescribeSubnets', { code: 'NotCollected', message: 'the notebook’s subnet was not read' }, `subnet ${notebook.subnetId}`);
      if (!subnet.ok) return couldNotCheck(id, resource, 'EC2.DescribeSubnets', subnet.error, `subnet ${notebook.subnetId}`);
      const groups = notebook.securityGroups;
      if (groups && !groups.ok) return couldNotCheck(id, resource, 'EC2.DescribeSecurityGroups', groups.error, `the security groups of ${notebook.name}`);
      const problems: string[] = [];
      const evidence = [];
      if (!subnet.value) {
        problems.push(`its subnet ${notebook.subnetId} does not exist`);
      } else {
        const s = subnet.value;
        if (!s.routeTable.ok) return couldNotCheck(id, resource, 'EC2.DescribeRouteTables', s.routeTable.error, `the route table of ${s.subnetId}`);
        const igw = s.routeTable.value?.internetGatewayRoutes ?? [];
        evidence.push({ field: `DescribeRouteTables(${s.routeTable.value?.routeTableId ?? 'none'}) routes to an internet gateway`, value: igw.length ? igw : 'none', expected: 'none' });
        evidence.push({ field: `DescribeSubnets(${s.subnetId}).MapPublicIpOnLaunch`, value: s.mapPublicIpOnLaunch, expected: 'false' });
        if (igw.length) problems.push(`subnet ${s.subnetId} is public (its route table sends ${igw.join(', ')})`);
        if (s.mapPublicIpOnLaunch) problems.push(`subnet ${s.subnetId} assigns public IP addresses`);
      }
      const open = (groups?.ok ? groups.value : []).flatMap((g) => g.ingress.filter((p) => worldSources(p).length).map((p) => `${g.groupName} (${g.groupId}): ${describePermission(p)} from ${worldSources(p).join(', ')}`));
      evidence.push({ field: `security groups ${(groups?.ok ? groups.value.map((g) => g.groupId) : []).join(', ') || '(none)'}: inbound rules from the internet`, value: open.length ? open : 'none', expected: 'none' });
      if (open.length) problems.push(`its security group admits the internet (${open.join('; ')})`);
      if (!problems.length) return finding(id, resource, 'pass', `Notebook ${notebook.name} sits in private subnet ${notebook.subnetId} behind security groups that admit nothing from the internet.`, evidence);
      return finding(id, resource, 'fail', `Notebook ${notebook.name} is not isolated: ${problems.join('; ')}.`, evidence);
    });
  },
});
