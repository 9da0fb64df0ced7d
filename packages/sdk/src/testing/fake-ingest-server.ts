import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** How the fake server answers one request: a status (with headers and body), never (`hang`), or by cutting the connection (`reset`). */
export type FakeAnswer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | 'reset';

/** A request the fake server received, decompressed and parsed. */
export interface ReceivedBatch {
  headers: IncomingMessage['headers'];
  body: { sdk?: unknown; batch: Array<{ type: string; body: Record<string, any> }> };
  at: number;
}

/** A local HTTP server standing in for genchi's ingest endpoint, answering as a test scripts it. */
export interface FakeIngestServer {
  url: string;
  received: ReceivedBatch[];
  /** Decides the answer to the n-th request (0-based). */
  answer: (index: number) => FakeAnswer;
  close(): Promise<void>;
}

/** Starts a fake ingest server on 127.0.0.1 (200 with every item accepted unless `answer` says otherwise). */
export async function startFakeIngest(answer: (index: number) => FakeAnswer = () => ({ status: 200 })): Promise<FakeIngestServer> {
  const sockets = new Set<Socket>();
  const received: ReceivedBatch[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const index = received.length;
      received.push({ headers: request.headers, body: JSON.parse(text), at: Date.now() });
      const reply = fake.answer(index);
      if (reply === 'hang') return;
      if (reply === 'reset') {
        request.socket.destroy();
        return;
      }
      const body = reply.body ?? { accepted: received[index]?.body.batch.length ?? 0, rejected: 0, results: [] };
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(JSON.stringify(body));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeIngestServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just freed). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
