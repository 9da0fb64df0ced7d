import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from './migrations.js';
import { keyedLookupSql, keyRowsSql, recentBucketSql, storedRowsOfKeysSql } from './record-keys.js';
import { scoresOfSpanSql } from './score-writer.js';

const database = new Database(':memory:');
migrate(database);
const plan = (sql: string, parameters: Record<string, unknown> | unknown[]) =>
  (database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(parameters) as Array<{ detail: string }>).map((row) => row.detail).join(' | ');

it('looks spans up by id through the keys, never by scanning spans', () => {
  for (const keyRows of [keyRowsSql.both, keyRowsSql.old]) {
    const detail = plan(keyedLookupSql('spans', keyRows), { key: 1, project: 1, id: 'x' });
    expect(detail).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
    expect(detail).not.toMatch(/SCAN t|spans_by_(time|task)/);
  }
});

it('looks a batch of span ids up in record_keys key by key, never by scanning either table', () => {
  const detail = plan(storedRowsOfKeysSql('spans', 100), new Array(101).fill(1));
  expect(detail).toMatch(/^SEARCH k USING PRIMARY KEY \(key=\?\) \| SEARCH t USING INTEGER PRIMARY KEY/);
  expect(detail).not.toMatch(/SCAN|spans_by_(time|task)/);
});

it('seeks each live bucket of the recent keys by key, and reads one bucket newest first without sorting', () => {
  expect(plan(keyRowsSql.both.slice(1, -1), { key: 1 })).toMatch(/SCAN b \| SEARCH k USING PRIMARY KEY \(bucket=\? AND key=\?\)/);
  const newest = plan(`SELECT s.row FROM ${recentBucketSql} k CROSS JOIN spans s ON s.row = k.row WHERE k.key = ? ORDER BY k.time DESC, k.row DESC LIMIT 10`, [0, 1]);
  expect(newest).toMatch(/SEARCH recent_bucket_keys USING PRIMARY KEY \(bucket=\? AND key=\?\)/);
  expect(newest).not.toMatch(/TEMP B-TREE/);
});

it('looks scores up by span through the keys, never by scanning scores', () => {
  for (const keyRows of [keyRowsSql.both, keyRowsSql.old]) {
    const detail = plan(scoresOfSpanSql(keyRows), { key: 1, project: 1, spanId: 'x' });
    expect(detail).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    expect(detail).not.toMatch(/SCAN s|scores_by_time/);
  }
});

it('looks feedback up by id through the keys', () => {
  const detail = plan(keyedLookupSql('feedback'), { key: 1, project: 1, id: 'x' });
  expect(detail).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
  expect(detail).not.toMatch(/SCAN t/);
});
