import { ok, type CheckFixtures } from '../fixtures/base.ts';
import { closedGroup, privateSubnet } from '../fixtures/ec2.ts';
import { notebookOf, secureNotebookInventory } from '../fixtures/sagemaker.ts';

const publicSubnet = () => ({ ...privateSubnet(), routeTable: ok({ routeTableId: 'rtb-0public', internetGatewayRoutes: ['0.0.0.0/0 -> igw-0abc'] }) });
const openGroup = () => ({ ...closedGroup('churn-notebook'), ingress: [{ protocol: 'tcp', fromPort: 8888, toPort: 8888, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], groupIds: [], prefixListIds: [] }] });

export const fixtures: CheckFixtures = {
  pass: secureNotebookInventory,
  fail: (inv) => void (notebookOf(inv).subnet = ok(publicSubnet())),
  fields: {
    'sagemakerNotebooks.notebooks[].members.value[].subnetId': [{ description: 'no subnet', expect: 'fail', mutate: (inv) => void delete notebookOf(inv).subnetId }],
    'sagemakerNotebooks.notebooks[].members.value[].subnet.value': [
      { description: 'route to an internet gateway', expect: 'fail', mutate: (inv) => void (notebookOf(inv).subnet = ok(publicSubnet())) },
      { description: 'public IPs on launch', expect: 'fail', mutate: (inv) => void (notebookOf(inv).subnet = ok({ ...privateSubnet(), mapPublicIpOnLaunch: true })) },
      { description: 'subnet deleted', expect: 'fail', mutate: (inv) => void (notebookOf(inv).subnet = ok(null)) },
    ],
    'sagemakerNotebooks.notebooks[].members.value[].securityGroups.value': [
      { description: 'Jupyter open to the internet', expect: 'fail', mutate: (inv) => void (notebookOf(inv).securityGroups = ok([openGroup()])) },
      { description: 'rules only from the VPC', expect: 'pass', mutate: (inv) => void (notebookOf(inv).securityGroups = ok([closedGroup('churn-notebook')])) },
    ],
  },
};
