/**
 * AWS's documented evaluation logic, case by case. Each row cites the rule it checks; sources are
 * the IAM User Guide pages "Policy evaluation logic", "Policy evaluation for requests within a
 * single account", "Cross-account policy evaluation logic", "Permissions boundaries for IAM
 * entities", "Session policies", "Troubleshooting access denied error messages", the KMS
 * Developer Guide "Key policies", and "The confused deputy problem".
 */
import { describe, expect, it } from 'vitest';
import { authorize, type ApplicablePolicies, type AuthorizationRequest, type Decision, type DecidingPolicyType } from '../../../src/emulator/policy/index.ts';
import {
  ACCOUNT, OTHER, alice, allow, anonymous, bob, bucket, deny, fullAccess, keyArn, object, otherRoot, otherSession, policy, rcpFullAccess, root, roleArn, sagemaker, secretArn, session,
} from './fixtures.ts';

interface Row {
  name: string;
  request: AuthorizationRequest;
  policies: ApplicablePolicies;
  decision: Decision;
  decidedBy?: DecidingPolicyType;
  reason?: string;
}

const scps = (...levels: [string, ...ReturnType<typeof policy>[]][]) => ({ levels: levels.map(([target, ...policies]) => ({ target, policies })) });
const readData = policy('ReadTrainingData', allow(['s3:GetObject', 's3:ListBucket'], [bucket, `${bucket}/*`]));
const bucketPolicy = (...statements: Record<string, unknown>[]) => ({ ...policy('BucketPolicy', ...statements), kind: 'bucket' as const });
const get = (principal = alice, resource = object, context = {}) => ({ principal, action: 's3:GetObject', resource, resourceAccount: ACCOUNT, context });

const rows: Row[] = [
  // ── Worked examples from the IAM User Guide ──
  { name: 'guide: AllowGetList grants iam:Get*/List*', request: { principal: alice, action: 'iam:GetRole', resource: roleArn }, policies: { identity: [policy('ReadOnlyIam', { Sid: 'AllowGetList', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }, { Sid: 'DenyReports', Effect: 'Deny', Action: 'iam:*Report', Resource: '*' })] }, decision: 'allowed' },
  { name: 'guide: DenyReports beats AllowGetList for iam:GetOrganizationsAccessReport', request: { principal: alice, action: 'iam:GetOrganizationsAccessReport', resource: '*' }, policies: { identity: [policy('ReadOnlyIam', { Sid: 'AllowGetList', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }, { Sid: 'DenyReports', Effect: 'Deny', Action: 'iam:*Report', Resource: '*' })] }, decision: 'explicitDeny' },
  { name: 'guide: iam:CreatePolicy is implicitly denied by AllowGetList', request: { principal: alice, action: 'iam:CreatePolicy', resource: `arn:aws:iam::${ACCOUNT}:policy/p` }, policies: { identity: [policy('ReadOnlyIam', { Sid: 'AllowGetList', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' })] }, decision: 'implicitDeny' },
  { name: 'guide: Shirley\'s boundary (S3, CloudWatch, EC2) blocks iam:CreateUser her policy allows', request: { principal: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/ShirleyRodriguez` }, action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/new` }, policies: { identity: [policy('CreateUser', allow('iam:CreateUser'))], permissionsBoundary: policy('Boundary', allow(['s3:*', 'cloudwatch:*', 'ec2:*'])) }, decision: 'implicitDeny', decidedBy: 'permissions boundary' },
  { name: 'guide: either the identity policy or the bucket policy suffices within one account (PutObject via bucket policy)', request: { principal: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/carlossalazar` }, action: 's3:PutObject', resource: 'arn:aws:s3:::carlossalazar-logs/app.log', resourceAccount: ACCOUNT }, policies: { identity: [policy('S3Read', allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::carlossalazar-logs', 'arn:aws:s3:::carlossalazar-logs/*']))], resourcePolicy: bucketPolicy(allow('s3:PutObject', 'arn:aws:s3:::carlossalazar-logs/*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carlossalazar` } })) }, decision: 'allowed', decidedBy: 'resource-based policy' },
  { name: 'guide: … and GetObject via the identity policy', request: { principal: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/carlossalazar` }, action: 's3:GetObject', resource: 'arn:aws:s3:::carlossalazar-logs/app.log', resourceAccount: ACCOUNT }, policies: { identity: [policy('S3Read', allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::carlossalazar-logs', 'arn:aws:s3:::carlossalazar-logs/*']))], resourcePolicy: bucketPolicy(allow('s3:PutObject', 'arn:aws:s3:::carlossalazar-logs/*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carlossalazar` } })) }, decision: 'allowed', decidedBy: 'identity-based policy' },
  { name: 'guide: … but neither allows DeleteObject', request: { principal: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/carlossalazar` }, action: 's3:DeleteObject', resource: 'arn:aws:s3:::carlossalazar-logs/app.log', resourceAccount: ACCOUNT }, policies: { identity: [policy('S3Read', allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::carlossalazar-logs', 'arn:aws:s3:::carlossalazar-logs/*']))], resourcePolicy: bucketPolicy(allow('s3:PutObject', 'arn:aws:s3:::carlossalazar-logs/*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carlossalazar` } })) }, decision: 'implicitDeny' },

  // ── Explicit deny over allow ──
  { name: 'an identity Allow grants within the account', request: get(), policies: { identity: [readData] }, decision: 'allowed', decidedBy: 'identity-based policy' },
  { name: 'no applicable Allow is an implicit deny', request: get(), policies: { identity: [policy('Other', allow('ec2:*'))] }, decision: 'implicitDeny', decidedBy: 'identity-based policy', reason: 'because no identity-based policy allows the s3:GetObject action' },
  { name: 'an explicit Deny beats an Allow in the same policy', request: get(), policies: { identity: [policy('Mixed', allow('s3:*'), deny('s3:GetObject', `${bucket}/datasets/*`))] }, decision: 'explicitDeny', decidedBy: 'identity-based policy', reason: 'with an explicit deny in an identity-based policy' },
  { name: 'an explicit Deny in one group policy beats an Allow in another', request: get(), policies: { identity: [readData, { ...policy('NoData', deny('s3:*')), source: 'group contractors' }] }, decision: 'explicitDeny' },
  { name: 'a bucket-policy Deny beats an identity Allow', request: get(), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:GetObject', `${bucket}/*`, { Principal: '*' })) }, decision: 'explicitDeny', reason: 'with an explicit deny in a resource-based policy' },
  { name: 'TLS-only bucket policy denies plain HTTP', request: get(alice, object, { 'aws:SecureTransport': false }), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:*', [bucket, `${bucket}/*`], { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })) }, decision: 'explicitDeny' },
  { name: 'TLS-only bucket policy lets HTTPS through', request: get(alice, object, { 'aws:SecureTransport': true }), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:*', [bucket, `${bucket}/*`], { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })) }, decision: 'allowed' },

  // ── SCP ceilings: every level must allow, a Deny anywhere wins ──
  { name: 'SCP FullAWSAccess at every level leaves identity policies in charge', request: get(), policies: { identity: [readData], scps: scps(['r-root', fullAccess], ['ou-ml', fullAccess], [ACCOUNT, fullAccess]) }, decision: 'allowed' },
  { name: 'an SCP Deny at an OU beats identity Allow', request: get(), policies: { identity: [readData], scps: scps(['r-root', fullAccess], ['ou-ml', fullAccess, policy('DenyS3', deny('s3:*'))], [ACCOUNT, fullAccess]) }, decision: 'explicitDeny', decidedBy: 'service control policy', reason: 'with an explicit deny in a service control policy' },
  { name: 'an OU without an Allow for the action is an implicit SCP deny', request: get(), policies: { identity: [readData], scps: scps(['r-root', fullAccess], ['ou-ml', policy('OnlyEc2', allow('ec2:*'))], [ACCOUNT, fullAccess]) }, decision: 'implicitDeny', decidedBy: 'service control policy', reason: 'because no service control policy allows the s3:GetObject action' },
  { name: 'an Allow at the root does not make up for a missing Allow at the account', request: get(), policies: { identity: [readData], scps: scps(['r-root', fullAccess], ['ou-ml', fullAccess], [ACCOUNT]) }, decision: 'implicitDeny', decidedBy: 'service control policy' },
  { name: 'SCPs grant nothing by themselves', request: get(), policies: { scps: scps(['r-root', fullAccess]) }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'SCPs do not apply to the management account', request: get(), policies: { identity: [readData], scps: { managementAccount: true, levels: [{ target: 'r-root', policies: [policy('DenyAll', deny('*'))] }] } }, decision: 'allowed' },
  { name: 'SCPs do not apply to service-linked roles', request: get({ type: 'assumed-role', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForSageMaker/s`, roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForSageMaker` }), policies: { identity: [readData], scps: scps(['r-root', policy('DenyAll', deny('*'))]) }, decision: 'allowed' },
  { name: 'SCPs restrict the root user of a member account', request: { principal: root, action: 'sagemaker:CreateNotebookInstance', resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb` }, policies: { scps: scps(['r-root', fullAccess, policy('NoNotebooks', deny('sagemaker:CreateNotebookInstance'))]) }, decision: 'explicitDeny', decidedBy: 'service control policy' },
  { name: 'SCP Deny with a condition applies only when it matches (region guardrail)', request: { principal: alice, action: 'sagemaker:CreateTrainingJob', resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:training-job/j`, context: { 'aws:RequestedRegion': 'eu-west-1' } }, policies: { identity: [policy('SM', allow('sagemaker:*'))], scps: scps(['r-root', fullAccess, policy('RegionLock', deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } }))]) }, decision: 'explicitDeny' },
  { name: 'SCP NotAction deny leaves the listed actions alone', request: { principal: alice, action: 'iam:ListRoles', resource: '*', context: { 'aws:RequestedRegion': 'eu-west-1' } }, policies: { identity: [policy('IAM', allow('iam:*'))], scps: scps(['r-root', fullAccess, policy('RegionLock', { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } })]) }, decision: 'allowed' },

  // ── RCP ceilings ──
  { name: 'an RCP Deny protects the resource account', request: get(bob, object), policies: { identity: [policy('B', allow('s3:*'))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: OTHER } })), rcps: scps(['r-root', rcpFullAccess, policy('OrgOnly', { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-ours' } } })]) }, decision: 'explicitDeny', decidedBy: 'resource control policy' },
  { name: 'RCPFullAWSAccess alone changes nothing', request: get(), policies: { identity: [readData], rcps: scps(['r-root', rcpFullAccess]) }, decision: 'allowed' },

  // ── Same-account resource policies ──
  { name: 'a bucket policy naming the user allows without any identity policy', request: get(), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: alice.arn } })) }, decision: 'allowed', decidedBy: 'resource-based policy' },
  { name: 'a bucket policy naming the account delegates to IAM: no identity Allow, no access', request: get(), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })) }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'a bucket policy naming someone else does not help', request: get(), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carol` } })) }, decision: 'implicitDeny' },
  { name: 'a secret policy naming the session allows it', request: { principal: session, action: 'secretsmanager:GetSecretValue', resource: secretArn }, policies: { resourcePolicy: { ...policy('SecretPolicy', allow('secretsmanager:GetSecretValue', '*', { Principal: { AWS: session.arn } })), kind: 'secret' } }, decision: 'allowed' },

  // ── Permissions boundaries ──
  { name: 'boundary ∩ identity: both allow', request: get(), policies: { identity: [readData], permissionsBoundary: policy('Boundary', allow('s3:*')) }, decision: 'allowed' },
  { name: 'boundary without the action: implicit deny by the boundary', request: get(), policies: { identity: [readData], permissionsBoundary: policy('Boundary', allow('ec2:*')) }, decision: 'implicitDeny', decidedBy: 'permissions boundary', reason: 'because no permissions boundary allows the s3:GetObject action' },
  { name: 'a boundary grants nothing by itself', request: get(), policies: { permissionsBoundary: policy('Boundary', allow('s3:*')) }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'an explicit Deny in the boundary', request: get(), policies: { identity: [readData], permissionsBoundary: policy('Boundary', allow('*'), deny('s3:GetObject')) }, decision: 'explicitDeny', reason: 'with an explicit deny in a permissions boundary' },
  { name: 'resource policy naming the user ARN is not limited by the boundary', request: get(), policies: { permissionsBoundary: policy('Boundary', allow('ec2:*')), resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: alice.arn } })) }, decision: 'allowed' },
  { name: 'resource policy naming the session ARN is not limited by the role boundary', request: get(session), policies: { permissionsBoundary: policy('Boundary', allow('ec2:*')), resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: session.arn } })) }, decision: 'allowed' },
  { name: 'resource policy naming the role ARN is limited by the role boundary', request: get(session), policies: { permissionsBoundary: policy('Boundary', allow('ec2:*')), resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: roleArn } })) }, decision: 'implicitDeny', decidedBy: 'permissions boundary' },
  { name: 'resource policy naming the role ARN allows when the boundary allows (no identity Allow needed)', request: get(session), policies: { permissionsBoundary: policy('Boundary', allow('s3:*')), resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: roleArn } })) }, decision: 'allowed' },
  { name: 'resource policy naming the account does not bypass the boundary', request: get(), policies: { identity: [readData], permissionsBoundary: policy('Boundary', allow('ec2:*')), resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: ACCOUNT } })) }, decision: 'implicitDeny', decidedBy: 'permissions boundary' },
  { name: 'Deny with NotPrincipal always applies to a principal with a boundary', request: get(), policies: { identity: [readData], permissionsBoundary: policy('Boundary', allow('*')), resourcePolicy: bucketPolicy(deny('s3:*', '*', { NotPrincipal: { AWS: [alice.arn!, `arn:aws:iam::${ACCOUNT}:root`] } })) }, decision: 'explicitDeny' },
  { name: 'the same NotPrincipal Deny exempts the user without a boundary', request: get(), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:*', '*', { NotPrincipal: { AWS: [alice.arn!, `arn:aws:iam::${ACCOUNT}:root`] } })) }, decision: 'allowed' },

  // ── Session policies ──
  { name: 'session policy ∩ role policy: both allow', request: get(session), policies: { identity: [readData], sessionPolicies: [policy('Session', allow('s3:GetObject'))] }, decision: 'allowed' },
  { name: 'session policy without the action', request: get(session), policies: { identity: [readData], sessionPolicies: [policy('Session', allow('s3:ListBucket'))] }, decision: 'implicitDeny', decidedBy: 'session policy', reason: 'because no session policy allows the s3:GetObject action' },
  { name: 'several managed session policies form one set', request: get(session), policies: { identity: [readData], sessionPolicies: [policy('S1', allow('s3:ListBucket')), policy('S2', allow('s3:GetObject'))] }, decision: 'allowed' },
  { name: 'a session policy grants nothing beyond the role policy', request: get(session), policies: { identity: [policy('Ec2', allow('ec2:*'))], sessionPolicies: [policy('Session', allow('*'))] }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'explicit Deny in a session policy', request: get(session), policies: { identity: [readData], sessionPolicies: [policy('Session', allow('*'), deny('s3:GetObject'))] }, decision: 'explicitDeny', reason: 'with an explicit deny in a session policy' },
  { name: 'resource policy naming the session ARN is added after the session policy', request: get(session), policies: { sessionPolicies: [policy('Session', allow('ec2:*'))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: session.arn } })) }, decision: 'allowed' },
  { name: 'resource policy naming the role ARN is limited by the session policy', request: get(session), policies: { sessionPolicies: [policy('Session', allow('ec2:*'))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: roleArn } })) }, decision: 'implicitDeny', decidedBy: 'session policy' },

  // ── Cross-account: both sides must allow ──
  { name: 'cross-account: identity Allow alone is not enough', request: get(bob), policies: { identity: [policy('B', allow('s3:*'))] }, decision: 'implicitDeny', decidedBy: 'resource-based policy', reason: 'because no resource-based policy allows the s3:GetObject action' },
  { name: 'cross-account: bucket policy alone is not enough', request: get(bob), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: bob.arn } })) }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'cross-account: both sides allow', request: get(bob), policies: { identity: [policy('B', allow('s3:GetObject', `${bucket}/*`))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: bob.arn } })) }, decision: 'allowed' },
  { name: 'cross-account: the bucket policy may name the whole account', request: get(bob), policies: { identity: [policy('B', allow('s3:GetObject'))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: OTHER } })) }, decision: 'allowed' },
  { name: 'cross-account: the caller boundary still applies', request: get(bob), policies: { identity: [policy('B', allow('s3:*'))], permissionsBoundary: policy('Boundary', allow('ec2:*')), resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: bob.arn } })) }, decision: 'implicitDeny', decidedBy: 'permissions boundary' },
  { name: 'cross-account: a session with both sides allowing', request: get(otherSession), policies: { identity: [policy('Audit', allow('s3:Get*'))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: `arn:aws:iam::${OTHER}:role/auditor` } })) }, decision: 'allowed' },
  { name: 'cross-account: the caller account SCP applies', request: get(bob), policies: { identity: [policy('B', allow('s3:*'))], resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: OTHER } })), scps: scps(['r-root', fullAccess, policy('NoS3', deny('s3:*'))]) }, decision: 'explicitDeny', decidedBy: 'service control policy' },
  { name: 'cross-account root needs the resource policy', request: get(otherRoot), policies: {}, decision: 'implicitDeny', decidedBy: 'resource-based policy' },
  { name: 'cross-account root with the bucket policy naming its account', request: get(otherRoot), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: OTHER } })) }, decision: 'allowed' },

  // ── Root user ──
  { name: 'the root user may do anything in its account without policies', request: get(root), policies: {}, decision: 'allowed', decidedBy: 'root user' },
  { name: 'a bucket policy Deny still applies to root', request: get(root), policies: { resourcePolicy: bucketPolicy(deny('s3:GetObject', '*', { Principal: '*' })) }, decision: 'explicitDeny' },

  // ── KMS: the key policy must allow, directly or by delegating to the account ──
  { name: 'KMS: IAM Allow without the key policy delegating is denied', request: { principal: alice, action: 'kms:Decrypt', resource: keyArn }, policies: { identity: [policy('Kms', allow('kms:Decrypt'))], resourcePolicy: policy('KeyPolicy', allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` } })) }, decision: 'implicitDeny', decidedBy: 'resource-based policy' },
  { name: 'KMS: IAM Allow with the key policy delegating to the account root', request: { principal: alice, action: 'kms:Decrypt', resource: keyArn }, policies: { identity: [policy('Kms', allow('kms:Decrypt'))], resourcePolicy: policy('KeyPolicy', { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }) }, decision: 'allowed' },
  { name: 'KMS: delegation to the account but no IAM Allow', request: { principal: alice, action: 'kms:Decrypt', resource: keyArn }, policies: { resourcePolicy: policy('KeyPolicy', allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })) }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'KMS: key policy naming the user allows without IAM policies', request: { principal: alice, action: 'kms:Decrypt', resource: keyArn }, policies: { resourcePolicy: policy('KeyPolicy', allow('kms:Decrypt', '*', { Principal: { AWS: alice.arn } })) }, decision: 'allowed' },
  { name: 'KMS: no key policy at all denies even with IAM Allow', request: { principal: alice, action: 'kms:Decrypt', resource: keyArn }, policies: { identity: [policy('Kms', allow('kms:*'))] }, decision: 'implicitDeny', decidedBy: 'resource-based policy' },
  { name: 'KMS: kms:ViaService restricts use to S3', request: { principal: session, action: 'kms:GenerateDataKey', resource: keyArn, context: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT } }, policies: { identity: [policy('Kms', allow('kms:GenerateDataKey', keyArn))], resourcePolicy: policy('KeyPolicy', allow('kms:*', '*', { Principal: { AWS: ACCOUNT } }), deny('kms:*', '*', { Principal: '*', Condition: { StringNotLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } })) }, decision: 'allowed' },
  { name: 'KMS: kms:ViaService deny when called directly', request: { principal: session, action: 'kms:GenerateDataKey', resource: keyArn, context: {} }, policies: { identity: [policy('Kms', allow('kms:GenerateDataKey', keyArn))], resourcePolicy: policy('KeyPolicy', allow('kms:*', '*', { Principal: { AWS: ACCOUNT } }), deny('kms:*', '*', { Principal: '*', Condition: { StringNotLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } })) }, decision: 'explicitDeny' },
  { name: 'KMS: the root user is locked out when the key policy does not name the account', request: { principal: root, action: 'kms:Decrypt', resource: keyArn }, policies: { resourcePolicy: policy('KeyPolicy', allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` } })) }, decision: 'implicitDeny' },
  { name: 'KMS: kms:ListKeys has no key resource and follows IAM alone', request: { principal: alice, action: 'kms:ListKeys', resource: '*' }, policies: { identity: [policy('Kms', allow('kms:List*'))] }, decision: 'allowed' },

  // ── Role trust policies ──
  { name: 'trust: SageMaker may assume the execution role for our account', request: { principal: sagemaker, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: ACCOUNT, context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/job-42` } }, policies: { resourcePolicy: { ...policy('TrustPolicy', { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:*` } } }), kind: 'trust' } }, decision: 'allowed', decidedBy: 'role trust policy' },
  { name: 'trust: confused deputy — SageMaker acting for another account is refused', request: { principal: sagemaker, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: ACCOUNT, context: { 'aws:SourceAccount': OTHER, 'aws:SourceArn': `arn:aws:sagemaker:us-east-1:${OTHER}:training-job/evil` } }, policies: { resourcePolicy: { ...policy('TrustPolicy', { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:*` } } }), kind: 'trust' } }, decision: 'implicitDeny', decidedBy: 'role trust policy', reason: 'because no role trust policy allows the sts:AssumeRole action' },
  { name: 'trust: confused deputy — no source context at all is refused', request: { principal: sagemaker, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: ACCOUNT }, policies: { resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }) }, decision: 'implicitDeny' },
  { name: 'trust: another service is not trusted', request: { principal: { type: 'service', arn: 'lambda.amazonaws.com' }, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: ACCOUNT }, policies: { resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) }, decision: 'implicitDeny' },
  { name: 'trust: cross-account needs trust and caller permission', request: { principal: bob, action: 'sts:AssumeRole', resource: roleArn }, policies: { identity: [policy('Assume', allow('sts:AssumeRole', roleArn))], resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'sts:AssumeRole' }) }, decision: 'allowed' },
  { name: 'trust: cross-account without caller permission', request: { principal: bob, action: 'sts:AssumeRole', resource: roleArn }, policies: { resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'sts:AssumeRole' }) }, decision: 'implicitDeny', decidedBy: 'identity-based policy' },
  { name: 'trust: same account, a trust policy naming the account needs the caller IAM Allow', request: { principal: alice, action: 'sts:AssumeRole', resource: roleArn }, policies: { resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }) }, decision: 'implicitDeny' },
  { name: 'trust: same account, a trust policy naming the user directly is enough', request: { principal: alice, action: 'sts:AssumeRole', resource: roleArn }, policies: { resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }) }, decision: 'allowed' },
  { name: 'trust: same account, IAM Allow without the trust policy trusting anyone', request: { principal: alice, action: 'sts:AssumeRole', resource: roleArn }, policies: { identity: [policy('Assume', allow('sts:AssumeRole'))], resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) }, decision: 'implicitDeny', decidedBy: 'role trust policy' },
  { name: 'trust: explicit deny in the trust policy', request: { principal: alice, action: 'sts:AssumeRole', resource: roleArn }, policies: { identity: [policy('Assume', allow('sts:AssumeRole'))], resourcePolicy: policy('TrustPolicy', { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }) }, decision: 'explicitDeny', reason: 'with an explicit deny in the role trust policy' },

  // ── Service principals and anonymous callers ──
  { name: 'a service principal needs the resource policy', request: { principal: sagemaker, action: 's3:PutObject', resource: `${bucket}/output/model.tar.gz`, resourceAccount: ACCOUNT }, policies: {}, decision: 'implicitDeny', decidedBy: 'resource-based policy' },
  { name: 'a service principal allowed by the bucket policy', request: { principal: { type: 'service', arn: 'cloudtrail.amazonaws.com' }, action: 's3:PutObject', resource: `${bucket}/AWSLogs/${ACCOUNT}/x`, resourceAccount: ACCOUNT, context: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main` } }, policies: { resourcePolicy: bucketPolicy(allow('s3:PutObject', `${bucket}/AWSLogs/${ACCOUNT}/*`, { Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main` } } })) }, decision: 'allowed' },
  { name: 'SCPs do not restrict service principals', request: { principal: sagemaker, action: 's3:PutObject', resource: `${bucket}/out`, resourceAccount: ACCOUNT }, policies: { resourcePolicy: bucketPolicy(allow('s3:PutObject', '*', { Principal: { Service: 'sagemaker.amazonaws.com' } })), scps: scps(['r-root', policy('DenyAll', deny('*'))]) }, decision: 'allowed' },
  { name: 'anonymous: a public-read bucket policy', request: get(anonymous), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: '*' })) }, decision: 'allowed' },
  { name: 'anonymous: {"AWS": "*"} is the same as "*"', request: get(anonymous), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: '*' } })) }, decision: 'allowed' },
  { name: 'anonymous: naming an account does not make it public', request: get(anonymous), policies: { resourcePolicy: bucketPolicy(allow('s3:GetObject', `${bucket}/*`, { Principal: { AWS: ACCOUNT } })) }, decision: 'implicitDeny' },
  { name: 'anonymous: no bucket policy', request: get(anonymous), policies: {}, decision: 'implicitDeny', decidedBy: 'resource-based policy' },

  // ── NotAction / NotResource / NotPrincipal ──
  { name: 'NotAction Allow covers everything else', request: { principal: alice, action: 'sagemaker:ListModels', resource: '*' }, policies: { identity: [policy('AllButIam', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, decision: 'allowed' },
  { name: 'NotAction Allow does not cover the listed service', request: { principal: alice, action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/x` }, policies: { identity: [policy('AllButIam', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, decision: 'implicitDeny' },
  { name: 'NotAction Deny without MFA spares the listed actions', request: { principal: alice, action: 'iam:ChangePassword', resource: alice.arn!, context: { 'aws:MultiFactorAuthPresent': 'false' } }, policies: { identity: [policy('Self', allow('iam:ChangePassword', alice.arn!), { Effect: 'Deny', NotAction: ['iam:ChangePassword', 'iam:GetUser'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })] }, decision: 'allowed' },
  { name: 'NotAction Deny without MFA blocks the rest', request: { principal: alice, action: 's3:GetObject', resource: object, context: { 'aws:MultiFactorAuthPresent': 'false' } }, policies: { identity: [readData, policy('Mfa', { Effect: 'Deny', NotAction: ['iam:ChangePassword', 'iam:GetUser'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })] }, decision: 'explicitDeny' },
  { name: 'NotResource Deny protects everything but the listed bucket', request: get(alice, 'arn:aws:s3:::other-bucket/x'), policies: { identity: [policy('S3', allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: [bucket, `${bucket}/*`] })] }, decision: 'explicitDeny' },
  { name: 'NotResource Deny leaves the listed bucket alone', request: get(), policies: { identity: [policy('S3', allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: [bucket, `${bucket}/*`] })] }, decision: 'allowed' },
  { name: 'NotPrincipal Deny: a session is exempt only when session, role and account are all listed', request: get(session), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:*', '*', { NotPrincipal: { AWS: [session.arn!, roleArn, `arn:aws:iam::${ACCOUNT}:root`] } })) }, decision: 'allowed' },
  { name: 'NotPrincipal Deny: listing only the session ARN does not exempt it', request: get(session), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:*', '*', { NotPrincipal: { AWS: [session.arn!] } })) }, decision: 'explicitDeny' },
  { name: 'NotPrincipal Deny applies to everyone not listed', request: get(), policies: { identity: [readData], resourcePolicy: bucketPolicy(deny('s3:*', '*', { NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:user/admin`, `arn:aws:iam::${ACCOUNT}:root`] } })) }, decision: 'explicitDeny' },

  // ── Special actions ──
  { name: 'sts:GetCallerIdentity needs no permission and survives an explicit deny', request: { principal: alice, action: 'sts:GetCallerIdentity', resource: '*' }, policies: { identity: [policy('DenyAll', deny('*'))] }, decision: 'allowed' },
];

describe('AWS policy evaluation logic', () => {
  it.each(rows)('$name', (row) => {
    const result = authorize(row.request, row.policies);
    expect(result.decision, result.summary).toBe(row.decision);
    if (row.decidedBy) expect(result.decidedBy).toBe(row.decidedBy);
    if (row.reason) expect(result.reason).toBe(row.reason);
    if (row.decision === 'allowed') expect(result.message).toBeUndefined();
    else expect(result.message).toMatch(/^User: .* is not authorized to perform: /);
  });

  it('has a row for every documented rule family', () => {
    expect(rows.length).toBeGreaterThanOrEqual(90);
  });
});

describe('explanations', () => {
  it('lists every matched statement with policy type, name, index, Sid and effect', () => {
    const result = authorize(get(), {
      identity: [{ ...policy('ReadTrainingData', { Sid: 'Read', ...allow('s3:GetObject') }), arn: `arn:aws:iam::${ACCOUNT}:policy/ReadTrainingData`, source: 'user alice (managed)' }],
      scps: scps(['r-root', fullAccess], ['ou-ml', policy('DenyData', { Sid: 'NoData', ...deny('s3:GetObject', `${bucket}/*`) })]),
    });
    expect(result.decision).toBe('explicitDeny');
    expect(result.matchedStatements).toEqual([
      { policyType: 'scp', policyName: 'FullAWSAccess', orgTarget: 'r-root', statementIndex: 0, effect: 'Allow' },
      { policyType: 'scp', policyName: 'DenyData', orgTarget: 'ou-ml', statementIndex: 0, sid: 'NoData', effect: 'Deny' },
      { policyType: 'identity', policyName: 'ReadTrainingData', policyArn: `arn:aws:iam::${ACCOUNT}:policy/ReadTrainingData`, policySource: 'user alice (managed)', statementIndex: 0, sid: 'Read', effect: 'Allow' },
    ]);
    expect(result.message).toBe(`User: ${alice.arn} is not authorized to perform: s3:GetObject on resource: ${object} with an explicit deny in a service control policy`);
    expect(result.summary).toContain('statement "NoData" (#0) of service control policy "DenyData" attached to ou-ml');
  });

  it('names the granting statement when allowed', () => {
    const result = authorize(get(), { identity: [policy('ReadTrainingData', { Sid: 'Read', ...allow('s3:GetObject') })] });
    expect(result.summary).toBe(`Allowed: statement "Read" (#0) of identity-based policy "ReadTrainingData" allows s3:GetObject on ${object}.`);
  });

  it('omits "on resource" for actions without a resource, as AWS does', () => {
    const result = authorize({ principal: alice, action: 'sagemaker:ListModels', resource: '*' }, {});
    expect(result.message).toBe(`User: ${alice.arn} is not authorized to perform: sagemaker:ListModels because no identity-based policy allows the sagemaker:ListModels action`);
  });
});
