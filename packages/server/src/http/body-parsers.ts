import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

type Decoder = (body: Buffer, limit: number) => Buffer;

/** Content encodings genchi accepts, as data: each decoder stops at the body limit (no zip bombs). */
const decoders: Record<string, Decoder> = {
  identity: (body) => body,
  gzip: (body, limit) => gunzipSync(body, { maxOutputLength: limit }),
  'x-gzip': (body, limit) => gunzipSync(body, { maxOutputLength: limit }),
  deflate: (body, limit) => inflateSync(body, { maxOutputLength: limit }),
  br: (body, limit) => brotliDecompressSync(body, { maxOutputLength: limit }),
};

/** The decompressed bytes of a body, or a 413/415/400 that says why not. */
export function decodeBody(request: FastifyRequest, body: Buffer, limit: number): Buffer {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase() || 'identity';
  const decode = decoders[encoding];
  if (!decode) throw new HttpError(415, `content-encoding ${encoding} is not supported; use gzip, deflate, br or none`);
  try {
    return decode(body, limit);
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HttpError(413, `body: larger than ${limit} bytes once decompressed`, 'invalid_request_error', 'body');
    }
    throw new HttpError(400, `body: not valid ${encoding} data (${(error as Error).message})`, 'invalid_request_error', 'body');
  }
}

/** Parses a JSON body, naming where it broke. */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `body: not valid JSON (${(error as Error).message})`, 'invalid_request_error', 'body');
  }
}

/** JSON (compressed or not) becomes a parsed value; protobuf becomes decompressed bytes for its route to decode. */
export function registerBodyParsers(app: FastifyInstance, limit: number): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: limit }, (request, body, done) => {
    try {
      done(null, parseJsonBody(decodeBody(request, body as Buffer, limit)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(['application/x-protobuf', 'application/protobuf'], { parseAs: 'buffer', bodyLimit: limit }, (request, body, done) => {
    try {
      done(null, decodeBody(request, body as Buffer, limit));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
