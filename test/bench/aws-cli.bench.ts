/**
 * The AWS CLI engine: what the terminal's `aws` adds on top of the SDK call. Parsing and mapping
 * a command (models already loaded), completion, and a full command against the embedded emulator
 * over HTTP compared with the bare SDK call it makes.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { checkAwsCommand, completeAwsCommand, runAwsCommand, type RunOptions } from '../../src/aws-cli/index.ts';
import { startAwsTarget } from '../support/aws-target.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const benchmark: Benchmark = {
  suite: 'aws-cli',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const line = 'aws ec2 describe-vpcs --filters Name=tag:Env,Values=prod,dev Name=is-default,Values=false --query Vpcs[].VpcId --output text';
    const coldStart = performance.now();
    await checkAwsCommand(line);
    rows.push({ measure: 'first EC2 command: load the SDK module and its model', value: performance.now() - coldStart, unit: 'ms', note: 'once per process' });
    const parse = await timeEach(500, () => checkAwsCommand(line));
    rows.push(goalRow('parse + map an EC2 command with shorthand filters (p50)', percentile(parse, 50), 'ms', { below: 2 }, '500 runs'));
    const complete = await timeEach(200, () => completeAwsCommand('aws s3api put-object --bucket b --key k --acl pub'));
    rows.push(goalRow('tab completion of an enum value (p50)', percentile(complete, 50), 'ms', { below: 5 }, '200 runs'));

    const emulator = await startAwsTarget();
    if (!emulator) {
      rows.push({ measure: 'commands over HTTP', value: Number.NaN, unit: 'ms', note: 'skipped: neither the embedded emulator nor moto_server is available' });
      return rows;
    }
    try {
      const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
      const options: RunOptions = { endpoint: emulator.url, credentials, region: 'us-east-1' };
      await runAwsCommand('aws sts get-caller-identity', options);
      const sts = new STSClient({ endpoint: emulator.url, credentials, region: 'us-east-1' });
      await sts.send(new GetCallerIdentityCommand({}));
      const viaEngine = await timeEach(200, () => runAwsCommand('aws sts get-caller-identity --output table', options));
      const viaSdk = await timeEach(200, () => sts.send(new GetCallerIdentityCommand({})));
      rows.push({ measure: 'aws sts get-caller-identity --output table via the engine (p50)', value: percentile(viaEngine, 50), unit: 'ms', note: `200 runs, ${emulator.kind} over HTTP` });
      rows.push({ measure: 'the same call through the bare SDK (p50)', value: percentile(viaSdk, 50), unit: 'ms', note: '200 runs' });
      rows.push(goalRow('engine overhead over the SDK call (p50)', percentile(viaEngine, 50) - percentile(viaSdk, 50), 'ms', { below: 5 }));
      sts.destroy();
    } finally {
      await emulator.stop();
    }
    return rows;
  },
};

export default benchmark;
