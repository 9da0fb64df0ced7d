import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileAssertion, subjectOfSpan, type AssertionOutcome, type CompiledAssertion } from '@genchi/core';
import { genchiConfigSchema, onlineRuleInputSchema, spanInputSchema, type AssertionSpec } from '@genchi/spec';
import { startGenchi } from '@genchi/server';
import { migrate } from '../packages/server/dist/storage/sqlite/migrations.js';
import { openDatabase } from '../packages/server/dist/storage/sqlite/open-database.js';
import { scoreColumns, scoreToRow } from '../packages/server/dist/storage/sqlite/score-columns.js';
import { bodyColumns, compactColumns, rowsToSpan, type BodyRow, type CompactRow } from '../packages/server/dist/storage/sqlite/span-columns.js';
import type { Bench } from './bench-result.js';
import { goal } from './support.js';

const spanCount = Number(process.env.ONLINE_EVAL_SPANS ?? 100_000);
const writeBatch = 2_000;
const task = 'catalog-extract';

/** Ten code assertions a team would run on a structured-output task. */
const assertions: Array<{ name: string; assertion: AssertionSpec }> = [
  { name: 'is JSON', assertion: { type: 'is-json', parameters: { topLevel: 'object' } } },
  { name: 'shape', assertion: { type: 'json-shape', parameters: { example: { items: [{ name: 'pen', price: 1 }], summary: 'text' } } } },
  { name: 'schema', assertion: { type: 'json-schema', parameters: { schema: { type: 'object', required: ['items', 'summary'], properties: { items: { type: 'array', maxItems: 20 }, summary: { type: 'string', maxLength: 400 } } } } } },
  { name: 'has a price', assertion: { type: 'regex', parameters: { pattern: '"price":\\s*\\d+(\\.\\d+)?' } } },
  { name: 'mentions stock', assertion: { type: 'contains', parameters: { values: ['in stock', 'back-order'] } } },
  { name: 'no filler', assertion: { type: 'not-contains', parameters: { values: ['as an ai', 'lorem ipsum', 'i cannot'] } } },
  { name: 'words', assertion: { type: 'length', parameters: { unit: 'words', min: 5, max: 200 } } },
  { name: 'no PII', assertion: { type: 'pii', parameters: {} } },
  { name: 'no refusal', assertion: { type: 'refusal', parameters: {} } },
  { name: 'fast', assertion: { type: 'latency', parameters: { maxMs: 2000 } } },
];

/** A production span of the benchmark task: a JSON catalog extraction with a few failures of each kind. */
function spanBody(index: number, start: number) {
  const items = Array.from({ length: 1 + (index % 4) }, (_, item) => ({ name: `item ${index}-${item}`, price: (index % 97) + item / 10, sku: `SKU-${index * 7 + item}` }));
  const payload = index % 50 === 0 ? items : { items, summary: `${items.length} products, ${index % 9 === 0 ? 'back-order' : 'in stock'}; contact ${index % 333 === 0 ? 'ann@example.com' : 'the desk'}` };
  return {
    id: `span-${index}`, traceId: `trace-${index}`, task, kind: 'llm', environment: 'prod', model: 'gpt-4o-mini',
    startTime: start + index, endTime: start + index + 300 + (index % 2500),
    input: [{ role: 'system', content: 'Extract the products as JSON.' }, { role: 'user', content: `Catalog page ${index}: ${'pens, paper and ink. '.repeat(8)}` }],
    output: [{ role: 'assistant', content: index % 71 === 0 ? 'I cannot help with that.' : JSON.stringify(payload) }],
    usage: { inputTokens: 120, outputTokens: 60 },
  };
}

/** Calls the compiled assertions over span records already in memory: the cost of the assertions alone. */
function inMemoryLoop(records: Parameters<typeof subjectOfSpan>[0][], compiled: CompiledAssertion[]): { seconds: number; outcomes: number; failures: number } {
  let outcomes = 0;
  let failures = 0;
  const started = performance.now();
  for (const record of records) {
    const subject = subjectOfSpan(record);
    for (const assertion of compiled) {
      const outcome = assertion.evaluate(subject, {}) as AssertionOutcome;
      outcomes++;
      if (outcome.status !== 'ok' || !outcome.pass) failures++;
    }
  }
  return { seconds: (performance.now() - started) / 1000, outcomes, failures };
}

/**
 * The same work in a bare loop: read the stored spans from the SQLite file with plain SELECTs, call
 * the assertions, and insert one score row per span and assertion with a plain prepared INSERT into
 * a fresh file of the same schema, 500 spans per transaction. No job runner, no writer thread, no
 * lookup keys, no idempotency.
 */
function bareLoopWithStore(file: string, compiled: Array<{ name: string; assertion: CompiledAssertion }>): { seconds: number; outcomes: number } {
  const source = openDatabase(file, { cacheMiB: 64 });
  const scratchFolder = mkdtempSync(join(tmpdir(), 'genchi-bare-'));
  const target = openDatabase(join(scratchFolder, 'bare.sqlite'), { cacheMiB: 64 });
  migrate(target);
  const read = source.prepare<[number, number], CompactRow & BodyRow>(
    `SELECT s.row, ${compactColumns.map((column) => `s.${column}`).join(', ')}, ${bodyColumns.map((column) => `b.${column}`).join(', ')}
     FROM spans s JOIN span_bodies b ON b.row = s.row WHERE s.row > ? ORDER BY s.row LIMIT ?`,
  );
  const insert = target.prepare(`INSERT INTO scores (project, ${scoreColumns.join(', ')}) VALUES (${new Array(scoreColumns.length + 1).fill('?').join(', ')})`);
  const writeAll = target.transaction((rows: unknown[][]) => rows.forEach((row) => insert.run(1, ...row)));
  let outcomes = 0;
  let after = 0;
  const now = Date.now();
  const started = performance.now();
  for (;;) {
    const batch = read.all(after, 500);
    if (batch.length === 0) break;
    const rows: unknown[][] = [];
    for (const row of batch) {
      const record = rowsToSpan(row, row);
      const subject = subjectOfSpan(record);
      for (const { name, assertion } of compiled) {
        const outcome = assertion.evaluate(subject, {}) as AssertionOutcome;
        outcomes++;
        const value = outcome.status === 'ok' ? outcome.pass : null;
        rows.push(scoreToRow({ id: `${name}:${record.id}`, spanId: record.id, name, value, source: 'assertion', status: outcome.status === 'ok' ? 'ok' : 'error' }, now));
      }
    }
    writeAll(rows);
    after = (batch[batch.length - 1] as CompactRow).row;
  }
  const seconds = (performance.now() - started) / 1000;
  source.close();
  target.close();
  rmSync(scratchFolder, { recursive: true, force: true });
  return { seconds, outcomes };
}

export const bench: Bench = {
  name: 'online-eval',
  summary: "100,000 stored spans × 10 code assertions through genchi's online evaluation job (read, evaluate, write scores); baseline: the same assertions in a bare loop over the same span records",
  async run() {
    // The store's writer thread does not hold the process open; nothing here listens, so a timer does.
    const keepAlive = setInterval(() => undefined, 1000);
    const directory = mkdtempSync(join(tmpdir(), 'genchi-online-eval-'));
    const config = genchiConfigSchema.parse({ server: { port: 0 }, web: { loginLink: false }, jobs: { enabled: false }, checks: { online: { batchSize: 500 } } });
    const genchi = await startGenchi({ config, dataDirectory: directory, init: { projectName: 'bench', apiKey: 'gk_bench_online_eval_0123456789' }, listen: false, runJobs: false });
    try {
      const projectId = ((await genchi.context.storage.projects.projectByName('bench')) as { id: string }).id;
      const start = Date.now() - 3_600_000;
      for (let done = 0; done < spanCount; done += writeBatch) {
        const bodies = Array.from({ length: Math.min(writeBatch, spanCount - done) }, (_, offset) => spanInputSchema.parse(spanBody(done + offset, start)));
        await genchi.context.spans.write(projectId, bodies);
      }
      const { checks } = genchi.context.storage;
      for (const entry of assertions) await checks.createCheck(projectId, { task, criterionId: null, name: entry.name, assertion: entry.assertion, enabled: true, gate: null }, Date.now());
      await checks.putOnlineRule(projectId, { ...onlineRuleInputSchema.parse({ feedReview: false }), task }, 0, Date.now());

      const started = performance.now();
      // A job the store refused is retried by the runner after its delay; that wait counts in the time.
      let rounds = 0;
      while (((await checks.getOnlineRule(projectId, task))?.rule.processed ?? 0) < spanCount && rounds++ < 20) {
        if ((await genchi.jobs.tick()) === 0) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const onlineSeconds = (performance.now() - started) / 1000;
      const rule = (await checks.getOnlineRule(projectId, task))?.rule;
      const failedTries = (await genchi.context.storage.jobs.listJobs({ kind: 'online-eval', limit: 100 })).reduce((sum, job) => sum + job.attempts - 1, 0);
      const scores = await genchi.context.storage.scores.scoresOfSpan(projectId, 'span-71');
      if (rule?.processed !== spanCount || scores.length !== assertions.length) {
        const [job] = await genchi.context.storage.jobs.listJobs({ kind: 'online-eval', limit: 1 });
        throw new Error(`online evaluation incomplete: ${rule?.processed} spans, ${scores.length} scores on span-71; job ${JSON.stringify(job)}`);
      }

      const latest = await checks.latestSpanPosition(projectId);
      const { spans: records } = await checks.spansAfter(projectId, 0, latest, { task, environment: 'prod', kind: 'llm', limit: spanCount });
      const compiled = assertions.map((entry) => {
        const result = compileAssertion(entry.assertion);
        if (!result.ok) throw new Error(result.problem);
        return { name: entry.name, assertion: result.assertion };
      });
      inMemoryLoop(records.slice(0, 5000), compiled.map((entry) => entry.assertion));
      const memory = inMemoryLoop(records, compiled.map((entry) => entry.assertion));
      const bare = bareLoopWithStore(join(directory, 'genchi.sqlite'), compiled);
      const work = spanCount * assertions.length;
      const onlineRate = work / onlineSeconds;
      const bareRate = bare.outcomes / bare.seconds;
      const memoryRate = memory.outcomes / memory.seconds;
      return {
        name: 'online-eval',
        figures: [
          { label: 'online evaluation rate', value: onlineRate, unit: 'span-assertions/s', baseline: { label: 'bare loop: raw SELECT, assertions, raw INSERT', value: bareRate }, goal: goal(onlineRate, 20_000, 'at-least', '≥ 20,000 span-assertions/s') },
          { label: 'share of the bare loop rate', value: (onlineRate / bareRate) * 100, unit: '%', goal: goal(onlineRate / bareRate, 0.5, 'at-least', '≥ 50%') },
          { label: 'assertions alone, in memory (context)', value: memoryRate, unit: 'span-assertions/s' },
          { label: 'online evaluation time', value: onlineSeconds, unit: 's' },
        ],
        notes: [
          `${spanCount.toLocaleString('en-US')} stored spans × ${assertions.length} code assertions (${assertions.map((entry) => entry.assertion.type).join(', ')}): the online job read the spans from the embedded store, evaluated them and wrote ${work.toLocaleString('en-US')} scores (durable, idempotent) in ${onlineSeconds.toFixed(1)} s`,
          `${failedTries} failed job tries (retried by the job runner, waiting included in the time); batches of ${config.checks.online.batchSize} spans`,
          `the bare loop did the same work without genchi's machinery: read the same stored spans with plain SELECTs, called the same compiled assertions, inserted ${bare.outcomes.toLocaleString('en-US')} score rows with a plain INSERT (500 spans per transaction) in ${bare.seconds.toFixed(2)} s`,
          `the assertions alone over the ${records.length.toLocaleString('en-US')} records already in memory (${memory.failures.toLocaleString('en-US')} failing outcomes) took ${memory.seconds.toFixed(2)} s: that is the floor no stored evaluation reaches`,
        ],
      };
    } finally {
      clearInterval(keepAlive);
      await genchi.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
