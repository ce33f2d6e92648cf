/**
 * EC2 networking state, one per account and region (EC2 is regional). Plain data so persistence
 * writes it as is. Resources are kept by id in insertion order, which is the order Describe* returns.
 * The default VPC is created on first use of a region (see default-vpc.ts), as a fresh AWS account
 * has one in every region.
 */

export interface Tag {
  Key: string;
  Value: string;
}

interface Tagged {
  tags: Tag[];
}

export interface Vpc extends Tagged {
  vpcId: string;
  cidrBlock: string;
  cidrAssociationId: string;
  ipv6?: { associationId: string; cidrBlock: string; networkBorderGroup: string };
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  enableNetworkAddressUsageMetrics: boolean;
  mainRouteTableId: string;
  defaultNetworkAclId: string;
  defaultSecurityGroupId: string;
}

export interface Subnet extends Tagged {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  ipv6?: { associationId: string; cidrBlock: string };
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  assignIpv6AddressOnCreation: boolean;
  enableDns64: boolean;
  hostnameType: string;
  enableResourceNameDnsARecord: boolean;
  enableResourceNameDnsAAAARecord: boolean;
}

export interface Route {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  /** `local`, an internet gateway id, or a gateway VPC endpoint id (routes the endpoint manages). */
  gatewayId?: string;
  natGatewayId?: string;
  /** Gateway Load Balancer endpoint targets. */
  vpcEndpointId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociation {
  associationId: string;
  main: boolean;
  subnetId?: string;
  gatewayId?: string;
}

export interface RouteTable extends Tagged {
  routeTableId: string;
  vpcId: string;
  routes: Route[];
  associations: RouteTableAssociation[];
}

export interface InternetGateway extends Tagged {
  internetGatewayId: string;
  attachedVpcId?: string;
}

export interface NatGateway extends Tagged {
  natGatewayId: string;
  subnetId: string;
  vpcId: string;
  connectivityType: 'public' | 'private';
  allocationId?: string;
  associationId?: string;
  networkInterfaceId: string;
  privateIp: string;
  publicIp?: string;
  state: 'available' | 'failed' | 'deleted';
  failureCode?: string;
  failureMessage?: string;
  createTime: Date;
  deleteTime?: Date;
}

export interface Address extends Tagged {
  allocationId: string;
  publicIp: string;
  associationId?: string;
  networkInterfaceId?: string;
  privateIpAddress?: string;
}

export interface SecurityGroupRule extends Tagged {
  ruleId: string;
  isEgress: boolean;
  /** Normalised: `tcp`, `udp`, `icmp`, `icmpv6`, `-1`, or another protocol number as text. */
  protocol: string;
  /** -1 when the protocol has no ports (AWS reports -1 in SecurityGroupRule for those). */
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroup?: { groupId: string; userId: string; vpcId?: string };
  description?: string;
}

export interface SecurityGroup extends Tagged {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  rules: SecurityGroupRule[];
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  /** A protocol number as text, or `-1` for all. */
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from: number; to: number };
  icmp?: { type: number; code: number };
}

export interface NetworkAcl extends Tagged {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  entries: NetworkAclEntry[];
  associations: { associationId: string; subnetId: string }[];
}

export interface VpcEndpoint extends Tagged {
  vpcEndpointId: string;
  vpcEndpointType: 'Gateway' | 'Interface';
  vpcId: string;
  serviceName: string;
  state: 'available';
  policyDocument?: string;
  routeTableIds: string[];
  subnetIds: string[];
  groupIds: string[];
  /** Subnet id → the endpoint's network interface in it. */
  networkInterfaces: Record<string, string>;
  privateDnsEnabled: boolean;
  ipAddressType: string;
  /** The random part of the endpoint's `*.vpce.amazonaws.com` names. */
  dnsSuffix: string;
  creationTimestamp: Date;
}

export interface FlowLog extends Tagged {
  flowLogId: string;
  resourceId: string;
  trafficType: string;
  logDestinationType: string;
  logDestination?: string;
  logGroupName?: string;
  deliverLogsPermissionArn?: string;
  deliverCrossAccountRole?: string;
  logFormat: string;
  maxAggregationInterval: number;
  destinationOptions?: { FileFormat?: string; HiveCompatiblePartitions?: boolean; PerHourPartition?: boolean };
  creationTime: Date;
}

export interface NetworkInterface extends Tagged {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  privateIpAddress: string;
  macAddress: string;
  description: string;
  interfaceType: 'vpc_endpoint' | 'nat_gateway';
  /** The resource that owns it (a VPC endpoint or NAT gateway id). */
  attachedTo: string;
  groupIds: string[];
}

export interface Ec2State {
  /** Whether this region's default VPC and its companions were created. */
  seeded: boolean;
  /** Bumped by CreateDefaultVpc so a recreated default VPC gets new ids. */
  defaultVpcGeneration: number;
  dhcpOptionsId: string;
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  internetGateways: Map<string, InternetGateway>;
  natGateways: Map<string, NatGateway>;
  addresses: Map<string, Address>;
  securityGroups: Map<string, SecurityGroup>;
  networkAcls: Map<string, NetworkAcl>;
  vpcEndpoints: Map<string, VpcEndpoint>;
  flowLogs: Map<string, FlowLog>;
  networkInterfaces: Map<string, NetworkInterface>;
}

export function createEc2State(): Ec2State {
  return {
    seeded: false,
    defaultVpcGeneration: 0,
    dhcpOptionsId: '',
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    internetGateways: new Map(),
    natGateways: new Map(),
    addresses: new Map(),
    securityGroups: new Map(),
    networkAcls: new Map(),
    vpcEndpoints: new Map(),
    flowLogs: new Map(),
    networkInterfaces: new Map(),
  };
}
