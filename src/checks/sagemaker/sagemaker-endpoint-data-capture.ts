import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints, sameKey } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-endpoint-data-capture';

const params = z
  .strictObject({
    /** The customer managed key captured data must be encrypted with (alias name, alias ARN, key id or key ARN). */
    key: z.string().min(1).optional(),
  })
  .optional();

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'SageMaker endpoints capture requests and responses, encrypted with a customer managed key',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'Without data capture there is no record of what the model was asked and what it answered: drift cannot be measured, a complaint about a decision cannot be investigated, and no monitoring job has anything to compare with its baseline. Captured payloads hold customer data, so they must be encrypted with a key the team controls.',
  securityHub: [],
  syllabus: ['4.1.S1', '4.1.K2', '4.3.S1'],
  remediation: {
    text: 'Create an endpoint configuration whose DataCaptureConfig enables capture of Input and Output to an S3 prefix with the team’s KMS key, then move the endpoint to it with UpdateEndpoint (endpoint configurations cannot be changed in place).',
    cli: 'aws sagemaker create-endpoint-config --endpoint-config-name <new-config> --production-variants file://variants.json --data-capture-config \'{"EnableCapture":true,"InitialSamplingPercentage":100,"DestinationS3Uri":"s3://<bucket>/capture","KmsKeyId":"<key-arn>","CaptureOptions":[{"CaptureMode":"Input"},{"CaptureMode":"Output"}]}\' && aws sagemaker update-endpoint --endpoint-name <endpoint> --endpoint-config-name <new-config>',
    docs: 'Capture data from real-time endpoint',
  },
  reads: ['sagemakerHosting.endpoints[].config.value', 'kms.aliases.value'],
  params,
  scope: (selector, p) => ({ sagemakerHosting: { endpoints: selector }, ...(p?.key ? { kms: { aliases: true } } : {}) }),
  evaluate(inventory, p) {
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      if (!endpoint.config.ok) return couldNotCheck(id, resource, 'SageMaker.DescribeEndpointConfig', endpoint.config.error, 'the endpoint configuration in use');
      const configName = endpoint.config.value?.name ?? '(none)';
      const capture = endpoint.config.value?.dataCapture ?? null;
      const modes = capture?.captureModes ?? [];
      const evidence = [
        { field: `DescribeEndpointConfig(${configName}).DataCaptureConfig.EnableCapture`, value: capture ? capture.enableCapture : '(no DataCaptureConfig)', expected: 'true' },
        { field: 'DataCaptureConfig.CaptureOptions', value: modes.length ? modes.join(', ') : '(none)', expected: 'Input, Output' },
        { field: 'DataCaptureConfig.InitialSamplingPercentage', value: capture?.initialSamplingPercentage ?? '(none)', expected: 'more than 0' },
        { field: 'DataCaptureConfig.KmsKeyId', value: capture?.kmsKeyId ?? '(none)', expected: p?.key ?? 'a customer managed key' },
      ];
      if (!capture || !capture.enableCapture) return finding(id, resource, 'fail', `The endpoint’s configuration ${configName} does not capture any requests or responses.`, evidence);
      const missing = ['Input', 'Output'].filter((m) => !modes.includes(m));
      if (missing.length) return finding(id, resource, 'fail', `Data capture keeps only ${modes.join(' and ') || 'nothing'}: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not captured, so predictions cannot be compared with the inputs that produced them.`, evidence);
      if (!capture.initialSamplingPercentage || capture.initialSamplingPercentage <= 0) return finding(id, resource, 'fail', 'Data capture is on but samples 0% of requests, so nothing is recorded.', evidence);
      if (!capture.kmsKeyId) return finding(id, resource, 'fail', `Captured payloads are not encrypted with a KMS key of the team’s (no KmsKeyId in ${configName}); they fall back to the bucket’s default.`, evidence);
      if (p?.key) {
        const same = sameKey(capture.kmsKeyId, p.key, inventory);
        if (same === 'unknown') {
          const aliases = inventory.kms?.aliases;
          return couldNotCheck(id, resource, 'KMS.ListAliases', aliases && !aliases.ok ? aliases.error : { code: 'NotCollected', message: 'KMS aliases were not read' }, 'which key the alias names');
        }
        if (!same) return finding(id, resource, 'fail', `Captured payloads are encrypted with ${capture.kmsKeyId}, not the team’s key ${p.key}.`, evidence);
      }
      return finding(id, resource, 'pass', `The endpoint captures ${capture.initialSamplingPercentage}% of requests and responses to ${capture.destinationS3Uri ?? 'S3'}, encrypted with ${capture.kmsKeyId}.`, evidence);
    });
  },
});
