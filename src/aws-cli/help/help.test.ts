import { describe, expect, it } from 'vitest';
import { runAwsCommand } from '../execute/run.ts';

describe('help from the SDK\'s own definitions', () => {
  it('aws help lists the services', async () => {
    const { exitCode, stdout } = await runAwsCommand('aws help');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^\s+sagemaker-runtime\s+Amazon SageMaker Runtime$/m);
  });

  it('aws <service> help lists operations with their first sentence', async () => {
    const { stdout } = await runAwsCommand('aws sts help');
    expect(stdout).toMatch(/^\s+get-caller-identity\s+Returns details about the IAM user or role/m);
  });

  it('aws <service> <operation> help lists parameters with types, required marks, enum values and the shape of structures', async () => {
    const { stdout } = await runAwsCommand('aws ec2 describe-vpcs help');
    expect(stdout).toContain('[--filters <value> [<value>...]]');
    expect(stdout).toContain('--dry-run | --no-dry-run (boolean)');
    expect(stdout).toMatch(/Shorthand Syntax:\s+Name=string,Values=string,string \.\.\./);
    expect(stdout).toContain('"Values": ["string", ...]');
    expect(stdout).toContain('describe-vpcs is a paginated operation');
    const put = (await runAwsCommand('aws s3api put-object help')).stdout;
    expect(put).toMatch(/--bucket \(string\)  \[required\]/);
    expect(put).toMatch(/--acl \(string\)[\s\S]*Possible values:[\s\S]*public-read/);
    expect(put).toMatch(/--body \(file path\)/);
  });

  it('--generate-cli-skeleton prints the input as a template', async () => {
    const { stdout } = await runAwsCommand('aws iam tag-role --generate-cli-skeleton');
    expect(JSON.parse(stdout)).toEqual({ RoleName: '', Tags: [{ Key: '', Value: '' }] });
  });

  it('aws <service> wait without a waiter names the waiters', async () => {
    const { exitCode, stderr } = await runAwsCommand('aws sagemaker wait');
    expect(exitCode).toBe(252);
    expect(stderr).toContain('endpoint-in-service');
  });
});
