import { connect, type Socket } from 'node:net';

/** One answer as the load generator saw it. */
export interface RawAnswer {
  status: number;
  bytes: number;
}

const headerEnd = Buffer.from('\r\n\r\n');

/**
 * A keep-alive HTTP/1.1 connection that sends one prebuilt request at a time and reads the answer
 * (content-length or chunked): the least work a client can do, so that the load generator takes
 * as little of the machine's two cores as possible from the processes it measures.
 */
export class RawHttpConnection {
  private socket: Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void } | null = null;

  constructor(private readonly port: number, private readonly host = '127.0.0.1') {}

  /** True before `open()` and after the connection closed. */
  get isClosed(): boolean {
    return this.socket === null || this.socket.destroyed;
  }

  /** Opens the connection (Nagle off). */
  open(): Promise<void> {
    this.buffered = Buffer.alloc(0);
    return new Promise((resolve, reject) => {
      const socket = connect({ port: this.port, host: this.host, noDelay: true }, () => resolve());
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (error) => {
        reject(error);
        this.fail(error);
      });
      socket.on('close', () => this.fail(new Error('connection closed')));
      this.socket = socket;
    });
  }

  /** Sends a request and resolves with the answer once its last byte arrived. */
  send(request: Buffer): Promise<RawAnswer> {
    if (this.socket === null || this.waiting !== null) return Promise.reject(new Error('connection busy or closed'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket?.write(request);
    });
  }

  /** Closes the connection. */
  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const answer = parseAnswer(this.buffered);
    if (answer === null) return;
    this.buffered = this.buffered.subarray(answer.length);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve({ status: answer.status, bytes: answer.length });
  }
}

/** The status and whole length of the first complete answer in a buffer, or null while incomplete. */
export function parseAnswer(buffer: Buffer): { status: number; length: number } | null {
  const end = buffer.indexOf(headerEnd);
  if (end === -1) return null;
  const head = buffer.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const bodyStart = end + 4;
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (lengthMatch) {
    const total = bodyStart + Number(lengthMatch[1]);
    return buffer.length >= total ? { status, length: total } : null;
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return null;
  let position = bodyStart;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', position);
    if (lineEnd === -1) return null;
    const size = Number.parseInt(buffer.toString('latin1', position, lineEnd), 16);
    const next = lineEnd + 2 + size + 2;
    if (buffer.length < next) return null;
    if (size === 0) return { status, length: next };
    position = next;
  }
}

/** The bytes of a POST with a JSON body and the given headers. */
export function buildPost(path: string, body: string, headers: Record<string, string>, port: number): Buffer {
  const lines = [`POST ${path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'content-type: application/json', `content-length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
