/**
 * Which service a request is for, LocalStack-style, all on one port:
 *   1. a service-owned path prefix (S3 Control's `/v20180820/`, signed as `s3`);
 *   2. the SigV4 credential scope's service (`Credential=AKID/20260101/us-east-1/iam/aws4_request`);
 *      services that share a signing name (SageMaker and SageMaker Runtime both sign as `sagemaker`)
 *      are told apart by the request's shape: an `X-Amz-Target` names a JSON-RPC service, a
 *      request without one goes to the REST service;
 *   3. the `X-Amz-Target` prefix (`TrentService.ListKeys` → KMS);
 *   4. the host's first label (`sts.us-east-1.amazonaws.com`, `iam.localhost`);
 *   5. an `Action` only one query service defines (unsigned STS AssumeRoleWithWebIdentity);
 *   6. otherwise S3 (anonymous REST requests, public objects).
 */
import type { SignatureInfo } from '../auth/sigv4.ts';
import { AwsServiceError } from '../core/errors.ts';
import { queryParameters } from '../protocols/query/query-protocol.ts';
import { stripPort } from '../protocols/rest-xml/s3-addressing.ts';
import type { WireRequest } from '../protocols/wire.ts';
import type { ServiceRuntime } from '../services/service-runtime.ts';

export class UnknownServiceError extends AwsServiceError {
  readonly serviceName: string;
  constructor(serviceName: string, known: readonly string[]) {
    super('InternalFailure', `Service '${serviceName}' is not emulated by mlsec-sim. Emulated services: ${known.join(', ')}.`, { status: 501 });
    this.serviceName = serviceName;
  }
}

export class ServiceRouter {
  readonly services: readonly ServiceRuntime[];
  private readonly bySigningName = new Map<string, ServiceRuntime[]>();
  private readonly byTarget = new Map<string, ServiceRuntime>();
  private readonly byId = new Map<string, ServiceRuntime>();
  private readonly prefixed: ServiceRuntime[];

  constructor(services: readonly ServiceRuntime[]) {
    this.services = services;
    this.prefixed = services.filter((s) => s.definition.pathPrefix);
    for (const s of services) {
      this.byId.set(s.id, s);
      // Path-prefixed services share a signing name with another (S3 Control signs as s3).
      if (!s.definition.pathPrefix) {
        const same = this.bySigningName.get(s.definition.signingName);
        if (same) same.push(s);
        else this.bySigningName.set(s.definition.signingName, [s]);
      }
      if (s.definition.wire.targetPrefix) this.byTarget.set(s.definition.wire.targetPrefix, s);
      for (const alias of s.definition.wire.targetPrefixAliases ?? []) this.byTarget.set(alias, s);
    }
  }

  get ids(): string[] {
    return this.services.map((s) => s.id);
  }

  get(id: string): ServiceRuntime | undefined {
    return this.byId.get(id);
  }

  /** One of several services with the same signing name: the JSON-RPC one if the request names a target, else a REST one. */
  private byShape(candidates: readonly ServiceRuntime[], request: WireRequest): ServiceRuntime {
    if (candidates.length === 1) return candidates[0]!;
    const target = request.headers['x-amz-target'];
    if (target) {
      const prefix = target.slice(0, target.lastIndexOf('.'));
      return candidates.find((s) => s.definition.wire.targetPrefix === prefix) ?? candidates[0]!;
    }
    return candidates.find((s) => s.definition.protocol === 'restJson1' || s.definition.protocol === 'restXml') ?? candidates[0]!;
  }

  async resolve(request: WireRequest, signature: SignatureInfo | undefined): Promise<ServiceRuntime> {
    for (const s of this.prefixed) if (request.path.startsWith(s.definition.pathPrefix!)) return s;
    if (signature?.service) {
      const candidates = this.bySigningName.get(signature.service);
      if (candidates) return candidates.length === 1 ? candidates[0]! : this.byShape(candidates, request);
      throw new UnknownServiceError(signature.service, this.ids);
    }
    const target = request.headers['x-amz-target'];
    if (target) {
      const prefix = target.slice(0, target.lastIndexOf('.'));
      const s = this.byTarget.get(prefix);
      if (s) return s;
      throw new UnknownServiceError(prefix || target, this.ids);
    }
    const label = stripPort(request.host).split('.')[0]?.toLowerCase();
    if (label && this.bySigningName.has(label) && label !== 's3') return this.byShape(this.bySigningName.get(label)!, request);
    const action = queryParameters(request).get('Action');
    if (action) {
      const candidates: ServiceRuntime[] = [];
      for (const s of this.services) {
        if (s.definition.protocol !== 'awsQuery' && s.definition.protocol !== 'ec2') continue;
        await s.load();
        if (s.api.has(action)) candidates.push(s);
      }
      if (candidates.length === 1) return candidates[0]!;
    }
    const s3 = this.byId.get('s3');
    if (s3) return s3;
    throw new UnknownServiceError(signature?.service ?? 'unknown', this.ids);
  }
}
