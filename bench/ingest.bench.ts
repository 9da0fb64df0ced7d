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
/** Rounds of genchi's load, each followed by raw inserts of as many rows, so that both see the machine alike. */
const rounds = 4;
const roundSeconds = 5;
const rawRowsPerRound = 100_000;

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

/**
 * Raw better-sqlite3 inserts of the same rows (spans + bodies, genchi's schema), 100 per transaction, into
 * one store that grows across the rounds as genchi's does; only the inserts are timed.
 */
class RawInserter {
  private readonly directory = mkdtempSync(join(tmpdir(), 'genchi-raw-'));
  private readonly database = openDatabase(join(this.directory, 'raw.sqlite'), { cacheMiB: 128 });
  private readonly write: (batch: ReturnType<typeof spanToRows>[]) => void;
  private readonly context = { prices: new PriceBook(), now: Date.now() };

  constructor() {
    migrate(this.database);
    const insertCompact = this.database.prepare(`INSERT INTO spans (project, ${compactColumns.join(', ')}) VALUES (${new Array(compactColumns.length + 1).fill('?').join(', ')})`);
    const insertBodies = this.database.prepare(`INSERT INTO span_bodies (row, ${bodyColumns.join(', ')}) VALUES (${new Array(bodyColumns.length + 1).fill('?').join(', ')})`);
    this.write = this.database.transaction((batch: ReturnType<typeof spanToRows>[]) => {
      for (const split of batch) {
        const row = insertCompact.run(1, ...split.compact).lastInsertRowid;
        insertBodies.run(row, ...split.bodies);
      }
    });
  }

  /** Inserts `rows` fresh rows; returns the seconds the inserts took. */
  insert(rows: number): number {
    let seconds = 0;
    for (let done = 0; done < rows; done += batchSize) {
      const mapped = mapOtlpTraces(JSON.parse(otlpBatch(batchSize)), {});
      const batch = mapped.spans.map((body) => spanToRows(deriveSpanRecord(spanInputSchema.parse(body), this.context)));
      const started = process.hrtime.bigint();
      this.write(batch);
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
    }
    return seconds;
  }

  close(): void {
    this.database.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

export const bench: Bench = {
  name: 'ingest',
  summary: 'sustained OTLP/JSON ingest over HTTP, batches of 100 spans with ~2 KB bodies, into the embedded store; baseline: raw better-sqlite3 inserts of the same rows',
  async run() {
    const genchi = await startBenchGenchi();
    const pool = new Pool(genchi.url, { connections, pipelining: 1 });
    const bodies = new OtlpBodyPool(256, batchSize);
    const raw = new RawInserter();
    try {
      await drive(pool, genchi.apiKey, Date.now() + warmupSeconds * 1000, bodies);
      const total = { spans: 0, refused: 0, seconds: 0, cpu: 0, rawRows: 0, rawSeconds: 0 };
      const shares: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const cpuBefore = processCpuSeconds(genchi.pid);
        const started = performance.now();
        const { spans, refused } = await drive(pool, genchi.apiKey, Date.now() + roundSeconds * 1000, bodies);
        const seconds = (performance.now() - started) / 1000;
        total.cpu += processCpuSeconds(genchi.pid) - cpuBefore;
        const rawRows = Math.min(spans, rawRowsPerRound);
        const rawSeconds = raw.insert(rawRows);
        Object.assign(total, { spans: total.spans + spans, refused: total.refused + refused, seconds: total.seconds + seconds, rawRows: total.rawRows + rawRows, rawSeconds: total.rawSeconds + rawSeconds });
        shares.push(spans / seconds / (rawRows / rawSeconds));
      }
      const rss = peakRssMegabytes(genchi.pid);
      const rate = total.spans / total.seconds;
      const rawRate = total.rawRows / total.rawSeconds;
      return {
        name: 'ingest',
        figures: [
          { label: 'OTLP ingest, sustained', value: rate, unit: 'spans/s', baseline: { label: 'raw better-sqlite3 inserts', value: rawRate }, goal: goal(rate, 20_000, 'at-least', '≥ 20,000 spans/s') },
          { label: 'share of the raw insert rate', value: (rate / rawRate) * 100, unit: '%', goal: goal(rate / rawRate, 0.7, 'at-least', '≥ 70%') },
          { label: 'server CPU per span', value: (total.cpu / total.spans) * 1e6, unit: 'µs' },
          { label: 'server peak RSS', value: rss, unit: 'MB' },
        ],
        notes: [
          `${total.spans.toLocaleString('en-US')} spans acknowledged in ${total.seconds.toFixed(1)} s (${rounds} rounds of ${roundSeconds} s after a ${warmupSeconds} s warm-up), ${connections} connections, ${total.refused} requests refused (503)`,
          `the raw baseline inserts the very rows genchi stores (compact row + bodies, same schema and indexes, 100 per transaction) into a store of its own that grows round by round, right after each of genchi's rounds (${total.rawRows.toLocaleString('en-US')} rows in all), and times only the inserts; share of the raw rate per round: ${shares.map((share) => `${(share * 100).toFixed(1)} %`).join(', ')}`,
        ],
      };
    } finally {
      raw.close();
      await pool.close().catch(() => undefined);
      await genchi.stop().catch(() => undefined);
    }
  },
};
