/**
 * An HTTP proxy in front of an AWS-compatible endpoint that can answer chosen requests itself —
 * AWS throttling, AccessDenied, a LocalStack health document — to reproduce what real targets do
 * and emulators do not do on demand. Everything else is forwarded unchanged.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fault {
  /** Matches a request (method, path and query, headers). */
  match: (req: { method: string; url: string; headers: IncomingMessage['headers']; body: string }) => boolean;
  /** How many times to answer (then forward again); Infinity for always. */
  times: number;
  status: number;
  body: string;
  contentType?: string;
}

export interface FaultProxy {
  endpoint: string;
  faults: Fault[];
  /** Requests seen, for assertions: method, url, and `X-Amz-Target` or `Action`. */
  seen: { method: string; url: string; operation?: string }[];
  /** Holds every forwarded request this long first (a slow target); change it at any time. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string, options: { port?: number } = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const faults: Fault[] = [];
  const seen: FaultProxy['seen'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const operation = (req.headers['x-amz-target'] as string | undefined) ?? /(?:^|&)Action=([^&]+)/.exec(text)?.[1];
      seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', operation });
      const fault = faults.find((f) => f.times > 0 && f.match({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: text }));
      if (fault) {
        fault.times--;
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/xml', 'x-amzn-requestid': 'fault-proxy' });
        res.end(fault.body);
        return;
      }
      const forward = () => request(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      const send = () => {
        const upstream = forward();
        upstream.on('error', (error) => {
          res.writeHead(502);
          res.end(String(error));
        });
        upstream.end(body);
      };
      if (proxy.delayMs > 0) setTimeout(send, proxy.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    faults,
    seen,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}

/** An S3-style XML error body. */
export function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault</RequestId></Error>`;
}

/** An awsJson error body (KMS, CloudTrail …). */
export function jsonError(code: string, message: string): string {
  return JSON.stringify({ __type: code, message });
}
