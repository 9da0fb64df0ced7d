import http from 'node:http';
import https from 'node:https';
import { gzip } from 'node:zlib';

/** The outcome of one POST: a status with its body and `Retry-After`, or a network fault. */
export type SendOutcome = { status: number; body: string; retryAfter: string | undefined } | { networkError: Error };

/** Settings of the sender. */
export interface SenderOptions {
  baseUrl: string;
  apiKey: string;
  requestTimeoutMs: number;
  gzip: boolean;
  userAgent: string;
}

const maxResponseChars = 64 * 1024;

/** gzip's fastest level: span JSON still shrinks several times, for a fraction of the default level's CPU. */
const compressionLevel = 1;

function compress(body: string, enabled: boolean): Promise<Buffer> {
  if (!enabled) return Promise.resolve(Buffer.from(body));
  return new Promise((resolve, reject) => gzip(body, { level: compressionLevel }, (error, result) => (error ? reject(error) : resolve(result))));
}

/**
 * Posts JSON batches to genchi over node:http(s) with keep-alive. Compression runs on libuv's
 * threads, off the event loop. Sockets are unreferenced unless `holdProcess` says otherwise, so a
 * hung server never keeps the application from exiting; the exit flush holds them on purpose.
 */
export class HttpSender {
  private readonly agent: http.Agent;
  private readonly module: typeof http | typeof https;
  private readonly url: URL;

  constructor(private readonly options: SenderOptions) {
    this.url = new URL(options.baseUrl.replace(/\/+$/, '') + '/v1/ingest');
    this.module = this.url.protocol === 'https:' ? https : http;
    this.agent = new this.module.Agent({ keepAlive: true, maxSockets: 2 });
  }

  /** Sends one body; never rejects (faults come back as `networkError`). */
  async post(body: string, signal: AbortSignal, holdProcess: boolean): Promise<SendOutcome> {
    let payload: Buffer;
    try {
      payload = await compress(body, this.options.gzip);
    } catch (error) {
      return { networkError: error as Error };
    }
    return new Promise<SendOutcome>((resolve) => {
      const headers: http.OutgoingHttpHeaders = {
        authorization: `Bearer ${this.options.apiKey}`,
        'content-type': 'application/json',
        'content-length': payload.length,
        'user-agent': this.options.userAgent,
      };
      if (this.options.gzip) headers['content-encoding'] = 'gzip';
      const request = this.module.request(this.url, { method: 'POST', headers, agent: this.agent, signal });
      request.setTimeout(this.options.requestTimeoutMs, () => request.destroy(new Error(`no answer within ${this.options.requestTimeoutMs} ms`)));
      request.on('socket', (socket) => (holdProcess ? socket.ref() : socket.unref()));
      request.on('error', (error) => resolve({ networkError: error }));
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < maxResponseChars) text += chunk;
        });
        response.on('error', (error) => resolve({ networkError: error }));
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({ status: response.statusCode ?? 0, body: text, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined });
        });
      });
      request.end(payload);
    });
  }

  /** Closes idle sockets. */
  close(): void {
    this.agent.destroy();
  }
}
