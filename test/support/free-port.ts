import { createServer } from 'node:net';

/**
 * A TCP port the OS says is free right now (listen on port 0, read it, close). Tests never bind
 * fixed ports: several test runs share the machine. A tiny race remains between closing and the
 * caller binding, so callers retry on EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('the OS gave no port'))));
    });
  });
}
