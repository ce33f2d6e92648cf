/**
 * Where the emulator's certificates live: `<data dir>/tls/` (ca.pem, ca-key.pem, server.pem,
 * server-key.pem; keys readable by the owner only). Made on first start and reused, so a CA a
 * user trusted once stays trusted. The server certificate is renewed (by the same CA) when it
 * expires within 30 days or no longer covers the names asked for; an unreadable or expired CA is
 * replaced, and the log says that it must be trusted again. Without a data directory everything is
 * made in memory for this run.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createCertificateAuthority, createServerCertificate, DEFAULT_SERVER_NAMES, type IssuedCertificate } from './certificate.ts';

export interface TlsMaterial {
  /** The server's private key and certificate chain (server certificate, then the CA), PEM. */
  readonly key: string;
  readonly cert: string;
  /** The CA certificate to trust, PEM. */
  readonly caPem: string;
  /** Where the CA certificate is stored (undefined: memory only). */
  readonly caPath?: string;
}

const RENEW_BEFORE_MS = 30 * 86_400_000;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function write(path: string, text: string, secret: boolean): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: secret ? 0o600 : 0o644 });
  if (secret) chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function usable(certificatePem: string | undefined, keyPem: string | undefined, now: Date): X509Certificate | undefined {
  if (!certificatePem || !keyPem) return undefined;
  try {
    const cert = new X509Certificate(certificatePem);
    return new Date(cert.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS ? cert : undefined;
  } catch {
    return undefined;
  }
}

function covers(cert: X509Certificate, names: readonly string[]): boolean {
  const dns = new Set((cert.subjectAltName ?? '').split(', ').filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)));
  return names.every((n) => (isIP(n) ? cert.checkIP(n) !== undefined : dns.has(n)));
}

export function loadOrCreateTls(dir: string | undefined, options: { names?: readonly string[]; log: (message: string) => void; now?: Date }): TlsMaterial {
  const names = [...new Set([...DEFAULT_SERVER_NAMES, ...(options.names ?? [])])];
  const now = options.now ?? new Date();
  if (!dir) {
    const ca = createCertificateAuthority(now);
    const server = createServerCertificate(ca, names, now);
    return { key: server.privateKeyPem, cert: server.certificatePem + ca.certificatePem, caPem: ca.certificatePem };
  }
  mkdirSync(dir, { recursive: true });
  const paths = { ca: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem'), server: join(dir, 'server.pem'), serverKey: join(dir, 'server-key.pem') };

  let ca: IssuedCertificate | undefined;
  const caText = read(paths.ca);
  const caKeyText = read(paths.caKey);
  const caCert = usable(caText, caKeyText, now);
  if (caCert && caText && caKeyText) {
    ca = { certificatePem: caText, privateKeyPem: caKeyText, notAfter: new Date(caCert.validTo) };
  } else {
    if (existsSync(paths.ca)) options.log(`TLS: the certificate authority in ${paths.ca} is unreadable or about to expire; a new one was made — trust it again (npm run emulator -- --print-ca).`);
    ca = createCertificateAuthority(now);
    write(paths.caKey, ca.privateKeyPem, true);
    write(paths.ca, ca.certificatePem, false);
  }

  const serverText = read(paths.server);
  const serverKeyText = read(paths.serverKey);
  const serverCert = usable(serverText, serverKeyText, now);
  const caX509 = new X509Certificate(ca.certificatePem);
  let key = serverKeyText;
  let cert = serverText;
  if (!serverCert || !serverCert.checkIssued(caX509) || !serverCert.verify(caX509.publicKey) || !covers(serverCert, names)) {
    const server = createServerCertificate(ca, names, now);
    write(paths.serverKey, server.privateKeyPem, true);
    write(paths.server, server.certificatePem, false);
    key = server.privateKeyPem;
    cert = server.certificatePem;
  }
  return { key: key!, cert: cert! + ca.certificatePem, caPem: ca.certificatePem, caPath: paths.ca };
}
