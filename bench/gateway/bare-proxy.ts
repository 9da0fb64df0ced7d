// A bare Node proxy (node:http + undici, keep-alive, no parsing, no auth, no logging): the floor
// any Node gateway stands on, measured in the same run as genchi. Usage: bare-proxy.ts <upstream port>.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstreamPort = Number(process.argv[2]);
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 128, keepAliveTimeout: 60_000 });
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  const parts: Buffer[] = [];
  request.on('data', (chunk: Buffer) => parts.push(chunk));
  request.on('end', () => {
    pool.dispatch(
      { method: 'POST', path: request.url ?? '/', headers: { 'content-type': 'application/json' }, body: Buffer.concat(parts) },
      {
        onConnect: () => undefined,
        onHeaders: (status: number, raw: Buffer[]) => {
          const headers: string[] = [];
          for (let index = 0; index < raw.length; index += 2) {
            const name = (raw[index] as Buffer).toString('latin1');
            if (!hopByHop.has(name.toLowerCase())) headers.push(name, (raw[index + 1] as Buffer).toString('latin1'));
          }
          response.writeHead(status, headers);
          return true;
        },
        onData: (chunk: Buffer) => response.write(chunk),
        onComplete: () => response.end(),
        onError: () => response.destroy(),
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`bare proxy listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => process.exit(0));
