import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@genchi/server';
import { spanQuerySchema } from '@genchi/spec';
import { Pool } from 'undici';
import { openDatabase } from '../packages/server/dist/storage/sqlite/open-database.js';
import { compactSelect, drivingKey, spanConditions, timeBounds } from '../packages/server/dist/storage/sqlite/span-list-query.js';
import { recentBucketSql } from '../packages/server/dist/storage/sqlite/record-keys.js';
import { launchChromium } from '../packages/web/test/e2e/chromium.js';
import type { Bench, Figure } from './bench-result.js';
import { benchApiKey, startBenchGenchi } from './lib/genchi-process.js';
import { benchSpans } from './lib/seed-spans.js';
import { goal, summarize } from './support.js';

const totalSpans = 1_000_000;
const batch = 2_000;
const inFlight = 4;
const requests = 300;
const pageLoads = 15;
const apiKey = benchApiKey;

/** The pages measured: the UI's first page (100 rows, no filter) and filtered pages, as the traces page asks for them. */
const pages = [
  { label: 'first page', query: {}, primary: true },
  { label: 'filtered page (task + status=error)', query: { task: 'support-reply', status: 'error' }, primary: true },
  { label: 'filtered page (environment=dev, model)', query: { environment: 'dev', model: 'gpt-4o' }, primary: false },
  { label: 'filtered page (user)', query: { userId: 'user-42' }, primary: false },
] as const;

/** Seeds spans through the store's own write path (request-thread derivation, writer thread, group commit, key moves). */
async function seed(directory: string): Promise<number> {
  const storage = openSqliteStorage({ directory });
  const project = await storage.projects.createProject('bench');
  const end = Date.now();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < totalSpans) {
      const offset = next;
      next += batch;
      await storage.traces.writeSpans(project.id, benchSpans(offset, Math.min(batch, totalSpans - offset), end, 30, totalSpans));
    }
  };
  // The store's writer thread does not hold the process open (a server's socket does); this timer does, while seeding.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
    await storage.close();
  } finally {
    clearInterval(keepAlive);
  }
  return (performance.now() - started) / 1000;
}

/** Round trips of `GET /v1/spans` over one keep-alive connection, in milliseconds. */
async function timeServer(pool: Pool, query: Record<string, string>): Promise<number[]> {
  const path = `/v1/spans?${new URLSearchParams({ ...query, limit: '100' }).toString()}`;
  const samples: number[] = [];
  for (let round = -20; round < requests; round++) {
    const started = performance.now();
    const response = await pool.request({ method: 'GET', path, headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await response.body.json()) as { data: unknown[] };
    if (response.statusCode !== 200 || body.data.length === 0) throw new Error(`${path}: ${response.statusCode}`);
    if (round >= 0) samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * The same SQL the server runs for that page (SqliteTraceStore.listByTime, or listByKey when a
 * hashed key drives it: each live bucket of the recent keys, then record_keys, in one read
 * transaction), straight on the file with better-sqlite3, statements prepared once.
 */
function timeDirect(file: string, query: Record<string, string>): number[] {
  const database = openDatabase(file, { cacheMiB: 128, readonly: true });
  const parsed = spanQuerySchema.parse({ ...query, limit: 100 });
  const conditions = spanConditions(1, parsed);
  const key = drivingKey(1, parsed);
  let run: () => unknown;
  if (key === null) {
    const index = parsed.task === undefined ? 'spans_by_time' : 'spans_by_task';
    const statement = database.prepare(`SELECT ${compactSelect} FROM spans s INDEXED BY ${index} WHERE ${conditions.sql.join(' AND ')} ORDER BY s.start_time DESC, s.row DESC LIMIT ?`);
    run = () => statement.all(...conditions.parameters, 101);
  } else {
    const bounds = timeBounds('k.time', 'k.row', parsed, null);
    const sql = (table: string) => `SELECT ${compactSelect} FROM ${table} k CROSS JOIN spans s ON s.row = k.row
      WHERE ${['k.key = ?', ...bounds.sql, ...conditions.sql].join(' AND ')} ORDER BY k.time DESC, k.row DESC LIMIT ?`;
    const buckets = database.prepare<[], { bucket: number }>('SELECT bucket FROM recent_key_buckets');
    const recent = database.prepare(sql(recentBucketSql));
    const moved = database.prepare(sql('record_keys'));
    const parameters = [key, ...bounds.parameters, ...conditions.parameters, 101];
    run = database.transaction(() => [...buckets.all().flatMap(({ bucket }) => recent.all(bucket, ...parameters)), ...moved.all(...parameters)]);
  }
  const samples: number[] = [];
  for (let round = -20; round < requests; round++) {
    const started = performance.now();
    run();
    if (round >= 0) samples.push(performance.now() - started);
  }
  database.close();
  return samples;
}

/** Milliseconds from navigation to the first span row on screen, in headless Chromium. */
async function timeBrowser(url: string, path: string): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Runs in the page before its scripts: notes when the first span row enters the DOM.
    await page.addInitScript({
      content: `new MutationObserver((_, observer) => {
        if (document.querySelector('[data-row]')) { window.rowsAt = performance.now(); observer.disconnect(); }
      }).observe(document, { childList: true, subtree: true });`,
    });
    await page.goto(`${url}/login`);
    await page.getByTestId('api-key').fill(apiKey);
    await page.keyboard.press('Enter');
    await page.locator('[data-row]').first().waitFor({ timeout: 60_000 });
    const samples: number[] = [];
    for (let round = -2; round < pageLoads; round++) {
      await page.goto(`${url}${path}`);
      await page.locator('[data-row]').first().waitFor({ timeout: 60_000 });
      const at = Number(await page.evaluate('window.rowsAt'));
      if (round >= 0) samples.push(at);
    }
    return samples;
  } finally {
    await browser.close();
  }
}

export const bench: Bench = {
  name: 'ui-list',
  summary: 'the traces list on a store of 1,000,000 spans: server time of the first and of filtered pages, against the same SQL run directly; time to show rows in headless Chromium',
  async run() {
    const directory = mkdtempSync(join(tmpdir(), 'genchi-ui-list-'));
    try {
      const seedSeconds = await seed(directory);
      const server = await startBenchGenchi([], directory);
      const pool = new Pool(server.url, { connections: 1, pipelining: 1 });
      const figures: Figure[] = [];
      try {
        for (const page of pages) {
          const http = summarize(await timeServer(pool, page.query));
          const direct = summarize(timeDirect(join(directory, 'genchi.sqlite'), page.query));
          const bound = page.label === 'first page' ? 50 : 100;
          figures.push({
            label: `${page.label}, server p95 (HTTP round trip)`,
            value: http.p95,
            unit: 'ms',
            baseline: { label: 'same SQL, better-sqlite3 direct, p95', value: direct.p95 },
            ...(page.primary ? { goal: goal(http.p95, bound, 'at-most', `< ${bound} ms p95`) } : {}),
          });
          figures.push({ label: `${page.label}, server p50`, value: http.p50, unit: 'ms', baseline: { label: 'direct p50', value: direct.p50 } });
        }
        const shown = summarize(await timeBrowser(server.url, '/traces'));
        const filtered = summarize(await timeBrowser(server.url, '/traces?task=support-reply&status=error'));
        figures.push({ label: 'Chromium: navigation to first rows shown, /traces, p50', value: shown.p50, unit: 'ms' });
        figures.push({ label: 'Chromium: navigation to first rows shown, /traces, p95', value: shown.p95, unit: 'ms' });
        figures.push({ label: 'Chromium: navigation to first rows shown, filtered, p50', value: filtered.p50, unit: 'ms' });
        return {
          name: 'ui-list',
          figures,
          notes: [
            `seeded ${totalSpans.toLocaleString('en-US')} spans in ${seedSeconds.toFixed(0)} s through the store's own write path (SqliteTraceStore.writeSpans: writer thread, group commit, key moves), ${batch} per write, ${inFlight} in flight`,
            `server figures: ${requests} sequential GET /v1/spans?limit=100 over one keep-alive connection after 20 warm-up requests; the baseline runs the identical SQL (same conditions, index and LIMIT) on the same file with better-sqlite3, statement prepared once`,
            `Chromium: ${pageLoads} page loads after 2 warm-ups, logged in with a session cookie; time from navigation start to the first [data-row] in the DOM (HTML, scripts, session check, the spans request and the render)`,
          ],
        };
      } finally {
        await pool.close();
        await server.stop();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
