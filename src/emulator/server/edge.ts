/**
 * The HTTP edge: one port for every service (LocalStack's 4566 by default), plain HTTP and HTTPS
 * alike. Reads each request fully (up to a size limit), answers CORS preflights and the emulator's
 * own routes, hands AWS calls to the pipeline and writes what comes back. It never lets an
 * exception escape: a failure here answers 500 and is logged, and the process keeps serving.
 *
 * HTTPS on the same port, as LocalStack does: the first byte of each connection says which it is
 * (0x16 opens a TLS handshake; HTTP starts with a method name), and the connection is handed to the
 * HTTPS or the HTTP server accordingly. Requests that arrive over TLS carry aws:SecureTransport true.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { WireRequest, WireResponse } from '../protocols/wire.ts';
import { type AdminApi, adminRoute } from './admin-routes.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';

export interface EdgeOptions {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  /** How long a body may stall before the request is answered with RequestTimeout. */
  readonly bodyIdleTimeoutMs: number;
  readonly pipeline: Pipeline;
  readonly admin: AdminApi;
  readonly log: (message: string) => void;
  /** Key and certificate chain (PEM) for HTTPS on the same port; plain HTTP only when absent. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** The first byte of a TLS ClientHello record (content type 22, handshake). */
const TLS_HANDSHAKE = 0x16;
/** A connection that sends nothing is closed after this long. */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

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

interface ReadBody {
  body: Buffer;
  oversized?: number;
  stalled?: { received: number; declared: number };
}

/**
 * Reads the whole body. A client that declares more bytes than it sends would otherwise hold the
 * request open until Node's 5-minute request timeout; after `idleMs` without a byte the request is
 * answered (as stalled) instead, as S3 answers RequestTimeout.
 */
function readBody(req: IncomingMessage, limit: number, idleMs: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let idle: NodeJS.Timeout | undefined;
    let size = 0;
    const settle = (result: ReadBody) => {
      clearTimeout(idle);
      resolve(result);
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        req.removeAllListeners('data');
        req.removeAllListeners('end');
        req.pause();
        settle({ body: Buffer.alloc(0), stalled: { received: size, declared: Number.isFinite(declared) ? declared : size } });
      }, idleMs);
      idle.unref();
    };
    req.on('error', (error) => {
      clearTimeout(idle);
      reject(error);
    });
    arm();
    if (Number.isFinite(declared) && declared > limit) {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        arm();
      });
      req.on('end', () => settle({ body: Buffer.alloc(0), oversized: declared }));
      return;
    }
    const chunks: Buffer[] = [];
    let over = false;
    req.on('data', (chunk: Buffer) => {
      arm();
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => settle(over ? { body: Buffer.alloc(0), oversized: size } : { body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) }));
  });
}

export class Edge {
  private server: NetServer | undefined;
  private http: Server | undefined;
  private https: HttpsServer | undefined;
  /** Connections whose first byte has not arrived yet. */
  private readonly undecided = new Set<Socket>();
  private readonly options: EdgeOptions;

  constructor(options: EdgeOptions) {
    this.options = options;
  }

  async listen(): Promise<AddressInfo> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.log(`edge: unexpected failure on ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ __type: 'InternalFailure', message: 'The emulator failed to process the request; the error was logged.' }));
        } else {
          res.destroy();
        }
      });
    };
    const serverOptions = { keepAliveTimeout: 65_000, requestTimeout: 300_000 };
    const http = createServer(serverOptions, handler);
    http.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    this.http = http;
    if (this.options.tls) {
      const https = createHttpsServer({ ...serverOptions, key: this.options.tls.key, cert: this.options.tls.cert }, handler);
      // A client that gives up on the certificate (not trusted yet) is not the emulator's failure.
      https.on('tlsClientError', () => {});
      https.on('clientError', (_error, socket) => socket.destroy());
      this.https = https;
    }
    // The HTTP(S) servers never listen themselves (the net server below hands them connections);
    // 'listening' starts their connection tracking, which keep-alive cleanup and request timeouts rely on.
    for (const s of [this.http, this.https]) s?.emit('listening');
    const server = createNetServer({ pauseOnConnect: true }, (socket) => this.route(socket));
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

  /** Reads the first byte of a connection and hands the connection to the HTTPS or the HTTP server. */
  private route(socket: Socket): void {
    this.undecided.add(socket);
    const timer = setTimeout(() => socket.destroy(), FIRST_BYTE_TIMEOUT_MS);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      this.undecided.delete(socket);
      socket.off('error', ignore);
      socket.off('close', done);
    };
    const ignore = () => {};
    socket.on('error', ignore);
    socket.once('close', done);
    socket.once('data', (chunk: Buffer) => {
      done();
      socket.pause();
      socket.unshift(chunk);
      const target = chunk[0] === TLS_HANDSHAKE && this.https ? this.https : this.http;
      if (!target) {
        socket.destroy();
        return;
      }
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.resume();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.undecided) socket.destroy();
    this.undecided.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // close() on the never-listening HTTP(S) servers closes their idle connections and stops their timers.
      for (const s of [this.http, this.https]) s?.close();
      setTimeout(() => {
        for (const s of [this.http, this.https]) s?.closeAllConnections();
      }, 2_000).unref();
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
    const { body, oversized, stalled } = await readBody(req, this.options.maxBodyBytes, this.options.bodyIdleTimeoutMs);
    const request: WireRequest = {
      method,
      path: q === -1 ? url : url.slice(0, q),
      rawQuery: q === -1 ? '' : url.slice(q + 1),
      query: parseQuery(q === -1 ? '' : url.slice(q + 1)),
      headers: req.headers as Record<string, string | undefined>,
      body,
      host: req.headers.host ?? '',
      oversizedBytes: oversized,
      stalledBody: stalled,
    };
    const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
    const response = (await adminRoute(request, this.options.admin)) ?? (await this.options.pipeline.handle(request, { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', secure }));
    // The rest of a stalled body may still arrive: it must not be read as the next request.
    if (stalled) response.headers = { ...response.headers, connection: 'close' };
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
