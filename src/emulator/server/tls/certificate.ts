/**
 * The emulator's own certificate authority and server certificate, made with Node's crypto alone:
 * EC P-256 keys from `generateKeyPairSync`, X.509 v3 certificates written with the DER writer and
 * signed with ECDSA-SHA256.
 *
 * - The CA ("mlsec-sim local emulator CA") is what users trust: AWS_CA_BUNDLE for the AWS CLI and
 *   boto3, NODE_EXTRA_CA_CERTS for Node SDKs. It can sign certificates only (keyCertSign).
 * - The server certificate covers localhost, 127.0.0.1, ::1, *.localhost and LocalStack's S3 names
 *   (s3.localhost.localstack.cloud and its virtual-hosted buckets) plus any extra names given.
 *
 * Both carry the extensions strict verifiers require (Python 3.13's VERIFY_X509_STRICT among them):
 * critical basicConstraints and keyUsage, subject and authority key identifiers, serverAuth.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bitString, boolean, explicit, implicitPrimitive, integer, objectIdentifier, octetString, pem, sequence, set, time, utf8String } from './der.ts';

export const DEFAULT_SERVER_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1', '*.localhost', 's3.localhost.localstack.cloud', '*.s3.localhost.localstack.cloud', 'localhost.localstack.cloud', '*.localhost.localstack.cloud'];

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

const DAY_MS = 86_400_000;

export interface IssuedCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly notAfter: Date;
}

function name(commonName: string): Buffer {
  return sequence(set(sequence(objectIdentifier(OID.organization), utf8String('mlsec-sim'))), set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function keyId(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // The subjectPublicKey BIT STRING of a P-256 key is its last 65 bytes (the uncompressed point).
  return createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
}

function serial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  // IPv6: expand "::" and write eight 16-bit groups.
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.from(groups.map((g) => g.padStart(4, '0')).join(''), 'hex');
}

interface CertificateSpec {
  readonly subject: string;
  readonly issuer: string;
  readonly publicKey: KeyObject;
  readonly signingKey: KeyObject;
  readonly authorityKeyId: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly ca: boolean;
  readonly names?: readonly string[];
}

function certificate(spec: CertificateSpec): Buffer {
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const extensions = spec.ca
    ? [
        extension(OID.basicConstraints, true, sequence(boolean(true), integer(0))),
        // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000_0110, one unused trailing bit.
        extension(OID.keyUsage, true, bitString(Buffer.from([0x06]), 1)),
        extension(OID.subjectKeyIdentifier, false, octetString(keyId(spec.publicKey))),
      ]
    : [
        extension(OID.basicConstraints, true, sequence()),
        // digitalSignature (bit 0): 0b1000_0000, seven unused trailing bits.
        extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)),
        extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
        extension(OID.subjectAltName, false, sequence(...(spec.names ?? []).map((n) => (isIP(n) ? implicitPrimitive(7, ipBytes(n)) : implicitPrimitive(2, Buffer.from(n, 'ascii')))))),
        extension(OID.subjectKeyIdentifier, false, octetString(keyId(spec.publicKey))),
        extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, spec.authorityKeyId))),
      ];
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial()),
    algorithm,
    name(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spec.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, spec.signingKey);
  return sequence(tbs, algorithm, bitString(signature));
}

function keyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

const privatePem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string;

export const CA_NAME = 'mlsec-sim local emulator CA';

/** A new certificate authority, valid for ten years. */
export function createCertificateAuthority(now = new Date()): IssuedCertificate {
  const { publicKey, privateKey } = keyPair();
  const notAfter = new Date(now.getTime() + 3650 * DAY_MS);
  const der = certificate({ subject: CA_NAME, issuer: CA_NAME, publicKey, signingKey: privateKey, authorityKeyId: keyId(publicKey), notBefore: new Date(now.getTime() - DAY_MS), notAfter, ca: true });
  return { certificatePem: pem('CERTIFICATE', der), privateKeyPem: privatePem(privateKey), notAfter };
}

/** A server certificate for `names`, signed by `ca`, valid for 825 days (the longest clients accept). */
export function createServerCertificate(ca: IssuedCertificate, names: readonly string[] = DEFAULT_SERVER_NAMES, now = new Date()): IssuedCertificate {
  const { publicKey, privateKey } = keyPair();
  const caPublic = createPublicKey(ca.privateKeyPem);
  const notAfter = new Date(now.getTime() + 825 * DAY_MS);
  const der = certificate({
    subject: 'mlsec-sim emulator',
    issuer: CA_NAME,
    publicKey,
    signingKey: createPrivateKey(ca.privateKeyPem),
    authorityKeyId: keyId(caPublic),
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter,
    ca: false,
    names,
  });
  return { certificatePem: pem('CERTIFICATE', der), privateKeyPem: privatePem(privateKey), notAfter };
}
