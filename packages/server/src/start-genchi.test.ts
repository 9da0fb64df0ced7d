import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genchiConfigSchema } from '@genchi/spec';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { startGenchi } from './start-genchi.js';

/** A logger that keeps what it is told (a Fastify logger's shape, no output). */
function keptLogger(lines: string[]): FastifyBaseLogger {
  const keep = (level: string) => (first: unknown, second?: unknown) => lines.push(`${level} ${typeof first === 'string' ? first : String(second)}`);
  const logger = { level: 'info', fatal: keep('fatal'), error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug'), trace: keep('trace'), silent: () => undefined, child: () => logger };
  return logger as unknown as FastifyBaseLogger;
}

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

it('leaves nothing running when it cannot listen: no job rounds against the closed store', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const folder = mkdtempSync(join(tmpdir(), 'genchi-start-'));
  folders.push(folder);
  const lines: string[] = [];
  try {
    const config = genchiConfigSchema.parse({ server: { host: '127.0.0.1', port: (taken.address() as AddressInfo).port }, jobs: { pollIntervalMs: 10 } });
    await expect(startGenchi({ config, dataDirectory: folder, runJobs: true, logger: keptLogger(lines) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
    // The store was closed: a second start on the same folder (on a free port) opens it and serves.
    const again = await startGenchi({ config: genchiConfigSchema.parse({ server: { host: '127.0.0.1', port: 0 } }), dataDirectory: folder, runJobs: false });
    try {
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    } finally {
      await again.close();
    }
  } finally {
    taken.close();
  }
});
