import { evaluateEntries } from '../lib/ec2.ts';
import { finding } from '../lib/findings.ts';
import { secretsInScript } from '../lib/secrets.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-lifecycle-config-no-secrets';

export default defineCheck({
  id,
  title: 'Notebook lifecycle configuration scripts contain no plaintext credentials',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
  severity: 'high',
  risk: 'Lifecycle scripts are returned (base64, trivially decoded) by DescribeNotebookInstanceLifecycleConfig to anyone who may describe them, and run on every notebook that uses them. A password written into one is shared with everyone who can read SageMaker configuration.',
  securityHub: [],
  prowler: 'sagemaker_notebook_instance_no_secrets',
  syllabus: ['4.3.S1', '4.3.K2'],
  remediation: {
    text: 'Update the lifecycle configuration so the script fetches the credential at run time (aws secretsmanager get-secret-value with the notebook’s role) instead of containing it, then rotate the exposed password.',
    cli: 'aws sagemaker update-notebook-instance-lifecycle-config --notebook-instance-lifecycle-config-name <name> --on-start Content=$(base64 -w0 on-start.sh)',
    docs: 'Customization of a SageMaker notebook instance using an LCC script',
  },
  reads: ['sagemakerNotebooks.lifecycleConfigs[].found.value.onCreate', 'sagemakerNotebooks.lifecycleConfigs[].found.value.onStart'],
  scope: (selector) => ({ sagemakerNotebooks: { prefixes: [], lifecycleConfigs: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateEntries(inventory.sagemakerNotebooks?.lifecycleConfigs, id, (name) => ({ type: 'AWS::SageMaker::NotebookInstanceLifecycleConfig', id: name }), 'SageMaker.DescribeNotebookInstanceLifecycleConfig', (config, resource) => {
      const seen = [...config.onCreate.flatMap((s, i) => secretsInScript(s, `OnCreate[${i}]`)), ...config.onStart.flatMap((s, i) => secretsInScript(s, `OnStart[${i}]`))];
      const evidence = [{ field: `DescribeNotebookInstanceLifecycleConfig(${config.name}) scripts`, value: seen.length ? seen.map((s) => `${s.where}: ${s.why}`) : 'no credential-like values', expected: 'credentials fetched at run time, none written in the script' }];
      if (!seen.length) return finding(id, resource, 'pass', `The lifecycle scripts of ${config.name} contain no plaintext credentials.`, evidence);
      return finding(id, resource, 'fail', `The lifecycle scripts of ${config.name} contain plaintext credentials: ${seen.map((s) => s.where).join(', ')}.`, evidence);
    });
  },
});
