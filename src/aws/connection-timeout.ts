/**
 * How long the SDK may wait for a TCP connection to the target, chosen by where the target is.
 *
 * A remote endpoint that does not answer within a few seconds is almost always a dead host or a
 * black-holed network: a short timeout turns a hanging spinner into a clear error. A loopback
 * endpoint (the embedded emulator, a local LocalStack) is different: the kernel either accepts the
 * connection at once or refuses it at once (ECONNREFUSED, reported immediately whatever the
 * timeout). The only way to wait there is a server process that is busy — e.g. one Node process
 * serving the site and the embedded emulator to 100 learners — and a short timeout then reports a
 * healthy-but-busy emulator as unreachable and fails the learner's lab. So loopback gets a long one.
 */

/** For endpoints on another host, or AWS itself: a dead host must fail fast. */
export const remoteConnectionTimeoutMs = 3_000;
/** For loopback endpoints: only a saturated local server is slow to accept, and it will accept. */
export const loopbackConnectionTimeoutMs = 30_000;

/** True when `endpoint` (a URL) names this machine: localhost, *.localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped 127.x.x.x, which the URL parser writes as hex (::ffff:7f00:1).
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The connection timeout for a target reached at `endpoint` (undefined: AWS's public endpoints). */
export function defaultConnectionTimeoutMs(endpoint: string | undefined): number {
  return isLoopbackEndpoint(endpoint) ? loopbackConnectionTimeoutMs : remoteConnectionTimeoutMs;
}
