/**
 * The HTTP edge: one port for every service (LocalStack's 4566 by default). Reads each request
 * fully (up to a size limit), answers CORS preflights and the emulator's own routes, hands AWS
 * calls to the pipeline and writes what comes back. It never lets an exception escape: a failure
 * here answers 500 and is logged, and the process keeps serving.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { WireRequest, WireResponse } from '../protocols/wire.ts';
import { type AdminApi, adminRoute } from './admin-routes.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';

export interface EdgeOptions {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  readonly pipeline: Pipeline;
  readonly admin: AdminApi;
  readonly log: (message: string) => void;
}

function parseQuery(raw: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (!raw) return map;
  for (const piece of raw.split('&')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    const key = decodeQueryComponent(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryComponent(piece.slice(eq + 1));
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
  return map;
}

function decodeQueryComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; oversized?: number }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      req.on('end', () => resolve({ body: Buffer.alloc(0), oversized: declared }));
      req.on('error', reject);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { body: Buffer.alloc(0), oversized: size } : { body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) }));
    req.on('error', reject);
  });
}

export class Edge {
  private server: Server | undefined;
  private readonly options: EdgeOptions;

  constructor(options: EdgeOptions) {
    this.options = options;
  }

  async listen(): Promise<AddressInfo> {
    const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 300_000 }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.log(`edge: unexpected failure on ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ __type: 'InternalFailure', message: 'The emulator failed to process the request; the error was logged.' }));
        } else {
          res.destroy();
        }
      });
    });
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const origin = req.headers.origin;
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      req.resume();
      res.writeHead(200, { ...preflightHeaders(origin, req.headers['access-control-request-headers']), 'content-length': '0' });
      res.end();
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const { body, oversized } = await readBody(req, this.options.maxBodyBytes);
    const request: WireRequest = {
      method,
      path: q === -1 ? url : url.slice(0, q),
      rawQuery: q === -1 ? '' : url.slice(q + 1),
      query: parseQuery(q === -1 ? '' : url.slice(q + 1)),
      headers: req.headers as Record<string, string | undefined>,
      body,
      host: req.headers.host ?? '',
      oversizedBytes: oversized,
    };
    const response = (await adminRoute(request, this.options.admin)) ?? (await this.options.pipeline.handle(request, { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', secure: false }));
    this.write(res, method, response, origin);
  }

  private write(res: ServerResponse, method: string, response: WireResponse, origin: string | undefined): void {
    const body = method === 'HEAD' ? undefined : response.body;
    const headers: Record<string, string> = { ...corsHeaders(origin), ...response.headers };
    if (headers['content-length'] === undefined) headers['content-length'] = String(body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length);
    res.writeHead(response.status, headers);
    res.end(body);
  }
}
