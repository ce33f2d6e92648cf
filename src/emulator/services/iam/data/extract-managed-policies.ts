/**
 * Regenerates aws-managed-policies.json: the AWS managed policies labs attach, with AWS's published
 * documents. Source: the copy of AWS's managed-policy list that moto ships (Apache-2.0), so it needs
 * a Python with moto installed. Run: node_modules/.bin/node src/emulator/services/iam/data/extract-managed-policies.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANAGED_POLICY_NAMES = [
  'AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'SecurityAudit', 'ViewOnlyAccess',
  'IAMFullAccess', 'IAMReadOnlyAccess', 'IAMUserChangePassword',
  'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess',
  'AmazonSageMakerFullAccess', 'AmazonSageMakerReadOnly', 'AmazonSageMakerCanvasFullAccess', 'AmazonSageMakerModelRegistryFullAccess',
  'AWSKeyManagementServicePowerUser', 'SecretsManagerReadWrite',
  'AmazonEC2FullAccess', 'AmazonEC2ReadOnlyAccess', 'AmazonVPCFullAccess', 'AmazonVPCReadOnlyAccess',
  'CloudWatchFullAccess', 'CloudWatchReadOnlyAccess', 'CloudWatchLogsFullAccess', 'CloudWatchLogsReadOnlyAccess',
  'AWSCloudTrail_FullAccess', 'AWSCloudTrail_ReadOnlyAccess',
  'AWSOrganizationsFullAccess', 'AWSOrganizationsReadOnlyAccess',
  'AmazonEventBridgeFullAccess', 'AWSBudgetsReadOnlyAccess', 'AWSBillingReadOnlyAccess',
];

const script = `
import json, sys
from moto.iam.aws_managed_policies import aws_managed_policies_data
data = json.loads(aws_managed_policies_data)
names = json.loads(sys.argv[1])
out = {}
for n in names:
    p = data.get(n)
    if p:
        out[n] = {"path": p["Path"], "defaultVersionId": p["DefaultVersionId"], "createDate": p["CreateDate"], "updateDate": p["UpdateDate"], "document": p["Document"]}
print(json.dumps(out))
`;
const policies = JSON.parse(execFileSync('python3', ['-c', script, JSON.stringify(MANAGED_POLICY_NAMES)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
const missing = MANAGED_POLICY_NAMES.filter((n) => !(n in policies));
if (missing.length) console.error(`not in moto's list: ${missing.join(', ')}`);
const file = join(import.meta.dirname, 'aws-managed-policies.json');
writeFileSync(file, `{"$generated": "by src/emulator/services/iam/data/extract-managed-policies.ts from AWS's published managed policies; do not edit",\n"policies": ${JSON.stringify(policies)}}\n`);
console.log(`wrote ${Object.keys(policies).length} policies to ${file}`);
