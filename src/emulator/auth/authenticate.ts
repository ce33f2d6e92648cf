/**
 * Resolves a request's signer to a principal and an account, LocalStack-style by default:
 * - a key the emulator issued (IAM, STS, root keys) → its principal and account;
 * - a 12-digit key → the root of that account;
 * - anything else (`test`, `AKIA…`) → the root of 000000000000.
 * With `verifySignatures` (MLSEC_EMULATOR_VERIFY_SIGNATURES=1) only issued keys are accepted and
 * every SigV4 signature — header, presigned query, and aws-chunked streaming chunks — is checked
 * against the issued secret, so one learner cannot act in another's account.
 * Strict tenant accounts (workshops; World.makeStrict) get that treatment on their own, with the
 * global setting off: their issued keys are always verified, and a 12-digit key equal to a
 * tenant's account id is refused as an unknown key instead of becoming that account's root.
 */
import { AwsServiceError } from '../core/errors.ts';
import type { ProtocolName, WireRequest } from '../protocols/wire.ts';
import { DEFAULT_ACCOUNT_ID, type World } from '../state/world.ts';
import * as authErrors from './auth-errors.ts';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.ts';
import type { IssuedCredential } from './credentials.ts';
import { anonymousPrincipal, type Principal, rootPrincipal } from './principal.ts';
import { amzDateToMs, checkSignature, readSignature, type SignatureInfo, sha256Hex } from './sigv4.ts';

export interface Authentication {
  readonly principal: Principal;
  readonly accountId: string;
  readonly region: string;
  readonly signature: SignatureInfo | undefined;
  readonly credential: IssuedCredential | undefined;
  /** The request body with any aws-chunked framing removed. */
  readonly body: Buffer;
  /** Trailing headers of an aws-chunked body (e.g. x-amz-checksum-crc32). */
  readonly trailers: Record<string, string>;
}

export interface AuthenticatorOptions {
  readonly verifySignatures: boolean;
  readonly defaultRegion: string;
  readonly now: () => number;
}

const TWELVE_DIGITS = /^\d{12}$/;
const FIFTEEN_MINUTES = 15 * 60 * 1000;

export class Authenticator {
  private readonly world: World;
  private readonly options: AuthenticatorOptions;

  constructor(world: World, options: AuthenticatorOptions) {
    this.world = world;
    this.options = options;
  }

  /** Cheap look at the signer without verifying anything (used for routing). */
  static peek(request: WireRequest): SignatureInfo | undefined {
    return readSignature(request);
  }

  authenticate(request: WireRequest, protocol: ProtocolName, signature: SignatureInfo | undefined, s3: boolean): Authentication {
    const strict = this.options.verifySignatures;
    const region = signature?.region || this.options.defaultRegion;
    let body = request.body;
    let trailers: Record<string, string> = {};

    if (!signature) {
      if (strict) throw authErrors.missingAuthentication(protocol);
      if (isAwsChunked(request.headers)) ({ payload: body, trailers } = decodeAwsChunked(body));
      return { principal: s3 ? anonymousPrincipal(DEFAULT_ACCOUNT_ID) : rootPrincipal(DEFAULT_ACCOUNT_ID), accountId: DEFAULT_ACCOUNT_ID, region, signature, credential: undefined, body, trailers };
    }

    const credential = this.world.findCredential(signature.accessKeyId);
    const now = this.options.now();
    // Strict tenant accounts verify every call into them, whatever the global setting; a key that
    // merely names a tenant's account id (LocalStack's account-from-key) is not one it was issued.
    const tenant = credential
      ? this.world.isStrict(credential.accountId)
      : (TWELVE_DIGITS.test(signature.accessKeyId) && this.world.isStrict(signature.accessKeyId)) || this.world.retiredTenantKeys.has(signature.accessKeyId);
    const verify = strict || tenant;
    if (credential) {
      if (credential.status !== 'Active') throw authErrors.unknownAccessKey(protocol, signature.accessKeyId);
      if (credential.expiresAt !== undefined && credential.expiresAt < now) throw authErrors.expiredToken(protocol);
      if (verify && credential.sessionToken !== undefined && signature.securityToken !== credential.sessionToken) {
        throw authErrors.unknownAccessKey(protocol, signature.accessKeyId);
      }
    } else if (verify) {
      throw authErrors.unknownAccessKey(protocol, signature.accessKeyId);
    }

    if (verify) {
      if (signature.kind === 'sigv2') throw authErrors.incompleteSignature(protocol, 'only AWS Signature Version 4 is accepted when signatures are verified.');
      ({ body, trailers } = this.verify(request, protocol, signature, credential!, s3, now));
    } else if (isAwsChunked(request.headers)) {
      ({ payload: body, trailers } = decodeAwsChunked(body));
    }

    if (credential) {
      credential.lastUsed = { date: new Date(now).toISOString(), service: signature.service, region };
      return { principal: credential.principal, accountId: credential.accountId, region, signature, credential, body, trailers };
    }
    const accountId = TWELVE_DIGITS.test(signature.accessKeyId) ? signature.accessKeyId : DEFAULT_ACCOUNT_ID;
    return { principal: rootPrincipal(accountId, signature.accessKeyId), accountId, region, signature, credential: undefined, body, trailers };
  }

  private verify(request: WireRequest, protocol: ProtocolName, signature: SignatureInfo, credential: IssuedCredential, s3: boolean, now: number): { body: Buffer; trailers: Record<string, string> } {
    if (!signature.signature || !signature.date || !signature.service || !signature.amzDate) {
      throw authErrors.incompleteSignature(protocol, 'the Authorization header must name Credential, SignedHeaders and Signature, and the request must carry X-Amz-Date.');
    }
    const signedAt = amzDateToMs(signature.amzDate);
    if (Number.isNaN(signedAt)) throw authErrors.incompleteSignature(protocol, `X-Amz-Date '${signature.amzDate}' is not in the form yyyymmddThhmmssZ.`);
    if (signature.kind === 'query') {
      if (now > signedAt + (signature.expires ?? 900) * 1000) throw authErrors.requestExpired(protocol, signature.amzDate, true);
    } else if (Math.abs(now - signedAt) > FIFTEEN_MINUTES) {
      throw authErrors.requestExpired(protocol, signature.amzDate, false);
    }
    const check = checkSignature(request, signature, credential.secretAccessKey, s3, request.body);
    if (!check.valid) {
      throw authErrors.signatureMismatch(protocol, { accessKeyId: signature.accessKeyId, stringToSign: check.stringToSign, canonicalRequest: check.canonicalRequest, signature: signature.signature });
    }
    const payloadHash = request.headers['x-amz-content-sha256'];
    if (isAwsChunked(request.headers)) {
      const signedChunks = payloadHash?.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
      const decoded = decodeAwsChunked(request.body, signedChunks
        ? { signingKey: check.signingKey, amzDate: signature.amzDate, scope: `${signature.date}/${signature.region}/${signature.service}/aws4_request`, seedSignature: signature.signature }
        : undefined);
      return { body: decoded.payload, trailers: decoded.trailers };
    }
    if (payloadHash && /^[0-9a-f]{64}$/.test(payloadHash) && sha256Hex(request.body) !== payloadHash) {
      throw new AwsServiceError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", { status: 400 });
    }
    return { body: request.body, trailers: {} };
  }
}
