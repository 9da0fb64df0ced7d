import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { spanInputSchema } from '@genchi/spec';
import { Pool } from 'undici';
import { migrate } from '../packages/server/dist/storage/sqlite/migrations.js';
import { openDatabase } from '../packages/server/dist/storage/sqlite/open-database.js';
import { bodyColumns, compactColumns, spanToRows } from '../packages/server/dist/storage/sqlite/span-columns.js';
import { mapOtlpTraces } from '../packages/server/dist/otlp/index.js';
import type { Bench } from './bench-result.js';
import { peakRssMegabytes, processCpuSeconds, startBenchGenchi } from './lib/genchi-process.js';
import { OtlpBodyPool, otlpBatch } from './lib/otlp-spans.js';
import { goal } from './support.js';

const batchSize = 100;
const connections = 32;
const warmupSeconds = 3;
const measureSeconds = 20;

/** Keeps `connections` OTLP requests in flight until the deadline; returns spans acknowledged with 200. */
async function drive(pool: Pool, apiKey: string, until: number, bodies: OtlpBodyPool): Promise<{ spans: number; refused: number }> {
  let spans = 0;
  let refused = 0;
  const sender = async () => {
    while (Date.now() < until) {
      const response = await pool.request({
        method: 'POST',
        path: '/v1/traces',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: bodies.take(),
      });
      await response.body.dump();
      if (response.statusCode === 200) spans += batchSize;
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: connections }, sender));
  return { spans, refused };
}

/** Raw better-sqlite3 inserts of the same rows (spans + bodies, genchi's schema), 100 per transaction. */
function rawInsertRate(rows: number): number {
  const directory = mkdtempSync(join(tmpdir(), 'genchi-raw-'));
  const database = openDatabase(join(directory, 'raw.sqlite'), { cacheMiB: 128 });
  migrate(database);
  const insertCompact = database.prepare(`INSERT INTO spans (project, ${compactColumns.join(', ')}) VALUES (${new Array(compactColumns.length + 1).fill('?').join(', ')})`);
  const insertBodies = database.prepare(`INSERT INTO span_bodies (row, ${bodyColumns.join(', ')}) VALUES (${new Array(bodyColumns.length + 1).fill('?').join(', ')})`);
  const write = database.transaction((batch: ReturnType<typeof spanToRows>[]) => {
    for (const split of batch) {
      const row = insertCompact.run(1, ...split.compact).lastInsertRowid;
      insertBodies.run(row, ...split.bodies);
    }
  });
  const context = { prices: new PriceBook(), now: Date.now() };
  let insertSeconds = 0;
  for (let done = 0; done < rows; done += batchSize) {
    const mapped = mapOtlpTraces(JSON.parse(otlpBatch(batchSize)), {});
    const batch = mapped.spans.map((body) => spanToRows(deriveSpanRecord(spanInputSchema.parse(body), context)));
    const started = process.hrtime.bigint();
    write(batch);
    insertSeconds += Number(process.hrtime.bigint() - started) / 1e9;
  }
  database.close();
  rmSync(directory, { recursive: true, force: true });
  return rows / insertSeconds;
}

export const bench: Bench = {
  name: 'ingest',
  summary: 'sustained OTLP/JSON ingest over HTTP, batches of 100 spans with ~2 KB bodies, into the embedded store; baseline: raw better-sqlite3 inserts of the same rows',
  async run() {
    const genchi = await startBenchGenchi();
    const pool = new Pool(genchi.url, { connections, pipelining: 1 });
    const bodies = new OtlpBodyPool(256, batchSize);
    try {
      await drive(pool, genchi.apiKey, Date.now() + warmupSeconds * 1000, bodies);
      const cpuBefore = processCpuSeconds(genchi.pid);
      const started = performance.now();
      const { spans, refused } = await drive(pool, genchi.apiKey, Date.now() + measureSeconds * 1000, bodies);
      const seconds = (performance.now() - started) / 1000;
      const cpu = processCpuSeconds(genchi.pid) - cpuBefore;
      const rss = peakRssMegabytes(genchi.pid);
      const rate = spans / seconds;
      await pool.close();
      await genchi.stop();
      const raw = rawInsertRate(Math.min(spans, 400_000));
      return {
        name: 'ingest',
        figures: [
          { label: 'OTLP ingest, sustained', value: rate, unit: 'spans/s', baseline: { label: 'raw better-sqlite3 inserts', value: raw }, goal: goal(rate, 20_000, 'at-least', '≥ 20,000 spans/s') },
          { label: 'share of the raw insert rate', value: (rate / raw) * 100, unit: '%', goal: goal(rate / raw, 0.7, 'at-least', '≥ 70%') },
          { label: 'server CPU per span', value: (cpu / spans) * 1e6, unit: 'µs' },
          { label: 'server peak RSS', value: rss, unit: 'MB' },
        ],
        notes: [
          `${spans.toLocaleString('en-US')} spans acknowledged in ${seconds.toFixed(1)} s after a ${warmupSeconds} s warm-up, ${connections} connections, ${refused} requests refused (503)`,
          'the raw baseline inserts the very rows genchi stores (compact row + bodies, same schema and indexes, 100 per transaction) and times only the inserts',
        ],
      };
    } finally {
      await pool.close().catch(() => undefined);
      await genchi.stop().catch(() => undefined);
    }
  },
};
