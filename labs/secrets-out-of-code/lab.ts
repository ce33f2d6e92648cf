import { CreateModelCommand, CreateNotebookInstanceLifecycleConfigCommand, CreateTrainingJobCommand, DeleteModelCommand, ListModelsCommand, ListTrainingJobsCommand, UpdateNotebookInstanceLifecycleConfigCommand } from '@aws-sdk/client-sagemaker';
import { CreateSecretCommand, DescribeSecretCommand, PutResourcePolicyCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { createBucket, createExecutionRole, defineLab, type LabContext } from '../../src/labs/kit/index.ts';

const image = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3';
/** The (synthetic) password the team pasted everywhere. Lab data only: it protects nothing. */
const leakedPassword = 'Tide-Pool-2026!';
const dbHost = 'claims-replica.cluster-ro-c1x2y3z4.us-east-1.rds.amazonaws.com';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const leakyScript = `#!/bin/bash
# Give every notebook read access to the claims replica
set -e
export PGHOST=${dbHost}
export PGUSER=claims_reader
export PGPASSWORD='${leakedPassword}'
echo "export PGHOST=$PGHOST PGUSER=$PGUSER PGPASSWORD=$PGPASSWORD" >> /home/ec2-user/.bashrc
`;

const cleanScript = (secretName: string) => `#!/bin/bash
# Give every notebook read access to the claims replica; the password stays in Secrets Manager
set -e
cat >> /home/ec2-user/.bashrc <<'RC'
export PGHOST=${dbHost}
export PGUSER=claims_reader
export DB_SECRET_ID=${secretName}
# read the password when needed, with the notebook's role:
#   PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id "$DB_SECRET_ID" --query SecretString --output text | jq -r .password) psql
RC
`;

async function launchTraining(ctx: LabContext, name: string, environment: Record<string, string>): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: ctx.facts.trainingRoleArn!,
      AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: 'File' },
      Environment: environment,
      HyperParameters: { 'sagemaker_program': 'train.py', lookback_days: '90' },
      OutputDataConfig: { S3OutputPath: `s3://${ctx.names.dataBucket!}/models/` },
      ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      Tags: [...ctx.tagList, { Key: 'team', Value: 'claims-ml' }],
    }),
  );
}

async function createModel(ctx: LabContext, name: string, environment: Record<string, string>): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: ctx.facts.trainingRoleArn!,
      PrimaryContainer: { Image: image, ModelDataUrl: `s3://${ctx.names.dataBucket!}/models/${ctx.names.trainingJob!}/output/model.tar.gz`, Environment: environment },
      Tags: [...ctx.tagList, { Key: 'team', Value: 'claims-ml' }],
    }),
  );
}

const leakyEnvironment = { DB_HOST: dbHost, DB_USER: 'claims_reader', DB_PASSWORD: leakedPassword };
const cleanEnvironment = (ctx: LabContext) => ({ DB_HOST: dbHost, DB_USER: 'claims_reader', DB_SECRET_ID: ctx.names.dbSecret! });

async function secretExists(ctx: LabContext): Promise<boolean> {
  const sm = await ctx.aws.client('secretsmanager');
  try {
    await sm.send(new DescribeSecretCommand({ SecretId: ctx.names.dbSecret! }));
    return true;
  } catch {
    return false;
  }
}

async function createSecret(ctx: LabContext): Promise<void> {
  const sm = await ctx.aws.client('secretsmanager');
  await sm.send(
    new CreateSecretCommand({
      Name: ctx.names.dbSecret!,
      Description: 'claims replica read-only user',
      SecretString: JSON.stringify({ engine: 'postgres', host: dbHost, username: 'claims_reader', password: leakedPassword }),
      Tags: ctx.tagList,
    }),
  );
}

const rotationLambda = (ctx: LabContext) => `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:SecretsManagerRDSPostgreSQLRotationSingleUser`;

function lockedPolicy(ctx: LabContext) {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'OnlyTheTrainingRoleReads', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': ctx.facts.trainingRoleArn! } } },
      { Sid: 'TrainingRoleReads', Effect: 'Allow', Principal: { AWS: ctx.facts.trainingRoleArn! }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
    ],
  };
}

async function namesOf(ctx: LabContext, kind: 'jobs' | 'models', prefix: string): Promise<string[]> {
  const sagemaker = await ctx.aws.client('sagemaker');
  if (kind === 'jobs') return ((await sagemaker.send(new ListTrainingJobsCommand({ NameContains: prefix, MaxResults: 100 }))).TrainingJobSummaries ?? []).map((j) => j.TrainingJobName!).filter((n) => n.startsWith(prefix));
  return ((await sagemaker.send(new ListModelsCommand({ NameContains: prefix, MaxResults: 100 }))).Models ?? []).map((m) => m.ModelName!).filter((n) => n.startsWith(prefix));
}

export default defineLab({
  id: 'secrets-out-of-code',
  title: 'Get a database password out of jobs, models and scripts',
  summary:
    'A claims team’s database password sits in plaintext in a training job’s environment, a model’s container environment and a notebook lifecycle script. Move it into Secrets Manager with rotation and a policy only the execution role gets through, and relaunch everything without it.',
  syllabus: ['4.3.S1', '4.3.K2', '4.3.K1'],
  topics: ['secrets-manager', 'least-privilege', 'defense-in-depth'],
  difficulty: 'intermediate',
  estimatedMinutes: 40,
  timeLimitMinutes: 120,
  services: ['secretsmanager', 'sagemaker', 's3', 'iam', 'sts'],
  operations: [
    'secretsmanager:CreateSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:GetResourcePolicy',
    'secretsmanager:PutResourcePolicy',
    'secretsmanager:RotateSecret',
    'secretsmanager:ListSecrets',
    'sagemaker:CreateTrainingJob',
    'sagemaker:DescribeTrainingJob',
    'sagemaker:ListTrainingJobs',
    'sagemaker:CreateModel',
    'sagemaker:DescribeModel',
    'sagemaker:ListModels',
    'sagemaker:DeleteModel',
    'sagemaker:CreateNotebookInstanceLifecycleConfig',
    'sagemaker:DescribeNotebookInstanceLifecycleConfig',
    'sagemaker:UpdateNotebookInstanceLifecycleConfig',
    'sagemaker:ListNotebookInstanceLifecycleConfigs',
    's3:CreateBucket',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:ListRoles',
  ],
  resources: {
    dbSecret: { type: 'secretsmanager:secret', name: 'claims-replica-db', title: 'the claims database secret' },
    trainingJob: { type: 'sagemaker:training-job', name: 'claims-severity-train', title: 'the claims-severity training job' },
    model: { type: 'sagemaker:model', name: 'claims-severity-model', title: 'the claims-severity model' },
    lifecycleConfig: { type: 'sagemaker:lifecycle-config', name: 'claims-notebook-setup', title: 'the notebook lifecycle configuration' },
    dataBucket: { type: 's3:bucket', name: 'claims-severity-data', title: 'the claims-severity data bucket' },
    trainingRole: { type: 'iam:role', name: 'claims-severity-exec', title: 'the claims-severity execution role' },
  },
  setup: [
    { title: 'Create the model bucket', run: (ctx) => createBucket(ctx, ctx.names.dataBucket!, { team: 'claims-ml' }) },
    {
      title: 'Create the execution role',
      run: async (ctx) => {
        await createExecutionRole(ctx, {
          name: ctx.names.trainingRole!,
          description: 'Claims-severity training and hosting role',
          fact: 'trainingRole',
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [`arn:${ctx.partition}:s3:::${ctx.names.dataBucket!}`, `arn:${ctx.partition}:s3:::${ctx.names.dataBucket!}/*`] },
              { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${ctx.names.dbSecret!}-*` },
            ],
          },
        });
      },
    },
    { title: 'Run the training job with the password in its environment', run: (ctx) => launchTraining(ctx, ctx.names.trainingJob!, leakyEnvironment) },
    { title: 'Create the model with the password in its container environment', run: (ctx) => createModel(ctx, ctx.names.model!, leakyEnvironment) },
    {
      title: 'Create the notebook lifecycle configuration that writes the password into every notebook',
      run: async (ctx) => {
        const sagemaker = await ctx.aws.client('sagemaker');
        await sagemaker.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: ctx.names.lifecycleConfig!, OnStart: [{ Content: b64(leakyScript) }], Tags: ctx.tagList }));
      },
    },
  ],
  tasks: [
    {
      id: 'store-and-rotate',
      title: 'Store the password in Secrets Manager, with rotation',
      goal: 'A secret with the exact name shown in `status` holds the database credentials, and automatic rotation is configured for it.',
      why: 'The password has been visible to everyone who can describe SageMaker resources. In a secret it has one owner, one audit trail (every GetSecretValue is in CloudTrail) and, with rotation, a limited useful life wherever it leaked.',
      checks: [{ check: 'secretsmanager-secret-rotation-enabled', resource: 'dbSecret' }],
      hints: {
        nudge: 'The credential needs a home of its own, with a name the jobs can refer to, and it should stop being the same password forever.',
        where: 'Secrets Manager CreateSecret with the name from status (a JSON SecretString with host, username and password), then RotateSecret with a rotation function and a schedule. AWS provides a rotation function for PostgreSQL single-user rotation.',
        command:
          'aws secretsmanager create-secret --name {{dbSecret}} --secret-string \'{"engine":"postgres","host":"claims-replica.cluster-ro-c1x2y3z4.us-east-1.rds.amazonaws.com","username":"claims_reader","password":"<the password>"}\' --tags Key=team,Value=claims-ml\naws secretsmanager rotate-secret --secret-id {{dbSecret}} --rotation-lambda-arn arn:{{partition}}:lambda:{{region}}:{{accountId}}:function:SecretsManagerRDSPostgreSQLRotationSingleUser --rotation-rules AutomaticallyAfterDays=30',
      },
    },
    {
      id: 'lock-the-secret',
      title: 'Let only the execution role read the secret',
      goal: 'The secret’s resource policy denies secretsmanager:GetSecretValue to every principal except the claims-severity execution role.',
      why: 'An Allow for the role gives it access but takes none away: anyone in the account with GetSecretValue on * in an identity policy could still read the password. A Deny for everyone else in the resource policy closes that.',
      checks: [{ check: 'secretsmanager-secret-policy-limited-to-principal', resource: 'dbSecret', params: { principal: '{{fact.trainingRoleArn}}' } }],
      hints: {
        nudge: 'Granting the role access is not the same as keeping everyone else out. Only one kind of statement removes access that other policies grant.',
        where: 'PutResourcePolicy on the secret with a Deny of secretsmanager:GetSecretValue for Principal "*", with a condition that exempts the execution role by its ARN (the global key aws:PrincipalArn with StringNotEquals).',
        command:
          'aws secretsmanager put-resource-policy --secret-id {{dbSecret}} --resource-policy \'{"Version":"2012-10-17","Statement":[{"Sid":"OnlyTheTrainingRoleReads","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalArn":"{{fact.trainingRoleArn}}"}}},{"Sid":"TrainingRoleReads","Effect":"Allow","Principal":{"AWS":"{{fact.trainingRoleArn}}"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}\'',
      },
    },
    {
      id: 'clean-training-job',
      title: 'Relaunch the training job without the password',
      goal: 'The newest training job whose name starts with the training job’s name (relaunch it as that name plus a suffix, e.g. `-secure`) carries no credential in its environment or hyperparameters — only the secret’s name or ARN.',
      why: 'DescribeTrainingJob returns the environment to anyone allowed to describe jobs, and a training job can never be deleted: the old one keeps the password forever, which is why it must also be rotated. The new run reads the password at start-up with its role.',
      checks: [{ check: 'sagemaker-training-job-no-plaintext-secrets', resource: 'trainingJob' }],
      hints: {
        nudge: 'A training job cannot be edited. The new run should be told where the password lives, not what it is.',
        where: 'CreateTrainingJob with an Environment that keeps DB_HOST and DB_USER, drops DB_PASSWORD and adds the secret’s name (for example DB_SECRET_ID). Name the job after the original plus a suffix: the newest job of that name is graded.',
        command:
          'aws sagemaker create-training-job --training-job-name {{trainingJob}}-secure --role-arn {{fact.trainingRoleArn}} --algorithm-specification TrainingImage=683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3,TrainingInputMode=File --environment DB_HOST=claims-replica.cluster-ro-c1x2y3z4.us-east-1.rds.amazonaws.com,DB_USER=claims_reader,DB_SECRET_ID={{dbSecret}} --output-data-config S3OutputPath=s3://{{dataBucket}}/models/ --resource-config InstanceType=ml.m5.large,InstanceCount=1,VolumeSizeInGB=30 --stopping-condition MaxRuntimeInSeconds=3600',
      },
    },
    {
      id: 'clean-model',
      title: 'Recreate the model without the password',
      goal: 'Every model whose name starts with the model’s name has no credential in its container environment — create a replacement (e.g. `-secure`) and delete the original.',
      why: 'The model’s environment is copied to every endpoint that serves it and shown by DescribeModel. Models cannot be edited, and the old one must go so nobody deploys the password again.',
      checks: [{ check: 'sagemaker-model-no-plaintext-secrets', resource: 'model' }],
      hints: {
        nudge: 'Like the training job, the model is immutable: a new one without the password, then the old one removed.',
        where: 'CreateModel with a PrimaryContainer Environment naming the secret instead of the password, then DeleteModel of the original. Every model whose name starts with the original’s is graded.',
        command:
          'aws sagemaker create-model --model-name {{model}}-secure --execution-role-arn {{fact.trainingRoleArn}} --primary-container \'{"Image":"683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3","ModelDataUrl":"s3://{{dataBucket}}/models/{{trainingJob}}/output/model.tar.gz","Environment":{"DB_HOST":"claims-replica.cluster-ro-c1x2y3z4.us-east-1.rds.amazonaws.com","DB_USER":"claims_reader","DB_SECRET_ID":"{{dbSecret}}"}}\'\naws sagemaker delete-model --model-name {{model}}',
      },
    },
    {
      id: 'clean-lifecycle-script',
      title: 'Take the password out of the notebook lifecycle script',
      goal: 'The lifecycle configuration’s scripts contain no credential: notebooks fetch the password from Secrets Manager when they need it.',
      why: 'The script runs on every notebook that uses it and copies the password into each user’s shell profile; anyone who can describe the configuration can decode it. Lifecycle configurations can be updated in place.',
      checks: [{ check: 'sagemaker-lifecycle-config-no-secrets', resource: 'lifecycleConfig' }],
      hints: {
        nudge: 'The script writes a literal password into the notebook. It could instead tell the notebook where to find it, and let the notebook’s role fetch it on demand.',
        where: 'UpdateNotebookInstanceLifecycleConfig replaces the OnStart script (base64-encoded content). Keep the host and user, drop PGPASSWORD, and fetch the password with the secrets manager get-secret-value call when it is needed.',
        command:
          "printf '#!/bin/bash\\nset -e\\necho \"export PGHOST=claims-replica.cluster-ro-c1x2y3z4.us-east-1.rds.amazonaws.com PGUSER=claims_reader DB_SECRET_ID={{dbSecret}}\" >> /home/ec2-user/.bashrc\\n' > on-start.sh\naws sagemaker update-notebook-instance-lifecycle-config --notebook-instance-lifecycle-config-name {{lifecycleConfig}} --on-start Content=$(base64 -w0 on-start.sh)",
      },
    },
  ],
  solution: [
    {
      task: 'store-and-rotate',
      title: 'Create the secret and configure rotation every 30 days',
      run: async (ctx) => {
        if (!(await secretExists(ctx))) await createSecret(ctx);
        const sm = await ctx.aws.client('secretsmanager');
        await sm.send(new RotateSecretCommand({ SecretId: ctx.names.dbSecret!, RotationLambdaARN: rotationLambda(ctx), RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }));
      },
    },
    {
      task: 'lock-the-secret',
      title: 'Deny GetSecretValue to everyone but the execution role',
      run: async (ctx) => {
        if (!(await secretExists(ctx))) await createSecret(ctx);
        const sm = await ctx.aws.client('secretsmanager');
        await sm.send(new PutResourcePolicyCommand({ SecretId: ctx.names.dbSecret!, ResourcePolicy: JSON.stringify(lockedPolicy(ctx)) }));
      },
    },
    {
      task: 'clean-training-job',
      title: 'Relaunch as <job>-secure with the secret’s name instead of the password',
      run: async (ctx) => {
        const name = `${ctx.names.trainingJob!}-secure`;
        if (!(await namesOf(ctx, 'jobs', name)).includes(name)) await launchTraining(ctx, name, cleanEnvironment(ctx));
      },
    },
    {
      task: 'clean-model',
      title: 'Create <model>-secure without the password, delete the others',
      run: async (ctx) => {
        const keep = `${ctx.names.model!}-secure`;
        const existing = await namesOf(ctx, 'models', ctx.names.model!);
        if (!existing.includes(keep)) await createModel(ctx, keep, cleanEnvironment(ctx));
        const sagemaker = await ctx.aws.client('sagemaker');
        for (const name of existing) if (name !== keep) await sagemaker.send(new DeleteModelCommand({ ModelName: name }));
      },
    },
    {
      task: 'clean-lifecycle-script',
      title: 'Update the lifecycle script to name the secret instead of holding the password',
      run: async (ctx) => {
        const sagemaker = await ctx.aws.client('sagemaker');
        await sagemaker.send(new UpdateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: ctx.names.lifecycleConfig!, OnStart: [{ Content: b64(cleanScript(ctx.names.dbSecret!)) }] }));
      },
    },
  ],
  nearMisses: [
    {
      id: 'secret-without-rotation',
      title: 'Creating the secret but not configuring rotation',
      explanation: 'The password now has a home, but it is the same password that was exposed, and it never changes. SecretsManager.1 requires automatic rotation; after a leak, rotate at once as well.',
      task: 'store-and-rotate',
      apply: createSecret,
    },
    {
      id: 'allow-only-policy',
      title: 'A resource policy that only allows the execution role',
      explanation: 'An Allow grants the role access; it removes access from nobody. Every principal whose identity policy allows secretsmanager:GetSecretValue on * can still read the secret. A Deny for everyone except the role is what limits it.',
      task: 'lock-the-secret',
      apply: async (ctx) => {
        const sm = await ctx.aws.client('secretsmanager');
        await sm.send(new PutResourcePolicyCommand({ SecretId: ctx.names.dbSecret!, ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [lockedPolicy(ctx).Statement[1]] }) }));
      },
    },
    {
      id: 'base64-password',
      title: 'Relaunching with the password base64-encoded in DB_PASS_B64',
      explanation: 'Base64 is an encoding, not encryption: anyone who can describe the job decodes it in one command. The job should receive the secret’s name and read the value with its role.',
      task: 'clean-training-job',
      apply: (ctx) => launchTraining(ctx, `${ctx.names.trainingJob!}-b64`, { DB_HOST: dbHost, DB_USER: 'claims_reader', DB_PASS_B64: b64(leakedPassword) }),
    },
    {
      id: 'new-model-old-kept',
      title: 'Creating a clean model but keeping the original',
      explanation: 'The original model still carries the password and can still be deployed or described. Delete it once the replacement exists (and rotate the password).',
      task: 'clean-model',
      apply: (ctx) => createModel(ctx, `${ctx.names.model!}-secure`, cleanEnvironment(ctx)),
    },
    {
      id: 'password-in-connection-url',
      title: 'Replacing PGPASSWORD with a connection URL that embeds it',
      explanation: 'postgresql://user:password@host puts the same password in the script, just in another form. The script must not contain the credential at all.',
      task: 'clean-lifecycle-script',
      apply: async (ctx) => {
        const sagemaker = await ctx.aws.client('sagemaker');
        const script = `#!/bin/bash\nset -e\necho "export DATABASE_URL=postgresql://claims_reader:${leakedPassword}@${dbHost}:5432/claims" >> /home/ec2-user/.bashrc\n`;
        await sagemaker.send(new UpdateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: ctx.names.lifecycleConfig!, OnStart: [{ Content: b64(script) }] }));
      },
    },
  ],
});
