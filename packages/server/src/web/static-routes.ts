import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../http/http-error.js';

/** Where `npm run build` puts the web app, beside the server in the monorepo. */
export const builtWebDirectory = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the single-page app answers itself; each serves index.html. */
const appPaths = ['/', '/login', '/setup', '/traces', '/traces/*', '/trace/*', '/tasks', '/tasks/*', '/review', '/review/*', '/checks', '/checks/*'];

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Headers of every page: no framing (a keyboard UI must not be clickjacked), no sniffing, scripts from here only. */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>genchi</title>
<body style="font:16px system-ui;margin:3rem;max-width:40rem"><h1>genchi is running</h1>
<p>The web UI is not built. Run <code>npm run build</code> (or <code>npm start</code>) in the genchi folder and reload.</p>
<p>The API answers under <code>/v1</code>; see <code>/healthz</code>.</p></body>`;

/** Serves built files with long caching (their names carry a content hash), gzipped for clients that accept it. */
function assetServer(directory: string) {
  const cache = new Map<string, { body: Buffer; gzipped: Buffer | null }>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(request.url.split('?')[0] ?? '')).replace(/^[/\\]+/, '');
    } catch {
      throw new HttpError(404, 'no such file', 'not_found_error');
    }
    const file = join(directory, path);
    if (!file.startsWith(directory.endsWith(sep) ? directory : directory + sep)) throw new HttpError(404, 'no such file', 'not_found_error');
    let entry = cache.get(file);
    if (entry === undefined) {
      const body = await readFile(file).catch(() => null);
      if (body === null) throw new HttpError(404, `no file ${path}`, 'not_found_error');
      const compressible = /\.(js|css|svg|json|map|txt)$/.test(file) && body.length > 1024;
      entry = { body, gzipped: compressible ? gzipSync(body) : null };
      cache.set(file, entry);
    }
    const gzip = entry.gzipped !== null && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    reply
      .header('content-type', contentTypes[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding');
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? entry.gzipped : entry.body);
  };
}

/** Serves the built web app at `/` (its pages and assets), or a page saying how to build it. */
export function registerStaticRoutes(app: FastifyInstance, context: AppContext): void {
  const directory = normalize(context.config.web.directory ?? builtWebDirectory);
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', async (_request, reply) => reply.headers(pageHeaders).send(notBuiltPage));
    return;
  }
  const index = readFileSync(indexFile);
  for (const path of appPaths) app.get(path, async (_request, reply) => reply.headers(pageHeaders).send(index));
  const serveAsset = assetServer(directory);
  app.get('/assets/*', serveAsset);
  app.get('/favicon.svg', serveAsset);
}
