/**
 * EC2 networking as checks read it: security groups, subnets (with the route that decides whether
 * they are public) and VPCs (with their default security group and VPC endpoints). Lab resources
 * are looked up by name — a security group's GroupName, a subnet's or VPC's `Name` tag — and an
 * entry whose `found` value is null was looked for and does not exist.
 */
import type { Observed } from './observed.ts';

/** One protocol/port range of a security group rule, with every source it allows. */
export interface SecurityGroupPermission {
  /** `tcp`, `udp`, `icmp`, … or `-1` for all traffic. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  /** Security group ids this rule admits. */
  groupIds: string[];
  prefixListIds: string[];
}

export interface SecurityGroupDetail {
  groupId: string;
  groupName: string;
  vpcId?: string;
  description?: string;
  tags: Record<string, string>;
  ingress: SecurityGroupPermission[];
  egress: SecurityGroupPermission[];
}

export interface SubnetDetail {
  subnetId: string;
  vpcId: string;
  cidrBlock?: string;
  availabilityZone?: string;
  mapPublicIpOnLaunch: boolean;
  tags: Record<string, string>;
  /** The route table in force (explicit association, else the VPC's main table) and whether it sends traffic to an internet gateway. */
  routeTable: Observed<{ routeTableId: string; internetGatewayRoutes: string[] } | null>;
}

export interface VpcEndpointDetail {
  vpcEndpointId: string;
  /** `com.amazonaws.us-east-1.sagemaker.api` … */
  serviceName: string;
  /** Interface, Gateway, GatewayLoadBalancer. */
  type: string;
  state?: string;
  privateDnsEnabled: boolean;
  subnetIds: string[];
  securityGroupIds: string[];
  routeTableIds: string[];
}

export interface VpcDetail {
  vpcId: string;
  cidrBlock?: string;
  isDefault: boolean;
  tags: Record<string, string>;
  /** The VPC's `default` security group. */
  defaultSecurityGroup: Observed<SecurityGroupDetail | null>;
  endpoints: Observed<VpcEndpointDetail[]>;
}

/** A looked-up resource: `name` is what the lab calls it; `found` null means it does not exist. */
export interface Ec2Entry<T> {
  name: string;
  found: Observed<T | null>;
}

export interface Ec2Inventory {
  securityGroups: Ec2Entry<SecurityGroupDetail>[];
  subnets: Ec2Entry<SubnetDetail>[];
  vpcs: Ec2Entry<VpcDetail>[];
}
