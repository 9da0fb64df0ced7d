import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from './migrations.js';
import { keyedLookupSql } from './feedback-writer.js';
import { scoresOfSpanSql } from './score-writer.js';
import { spanIdLookupSql } from './span-writer.js';

const database = new Database(':memory:');
migrate(database);
const plan = (sql: string, parameters: Record<string, unknown>) =>
  (database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(parameters) as Array<{ detail: string }>).map((row) => row.detail).join(' | ');

it('looks spans up by id through the keys, never by scanning spans', () => {
  const detail = plan(spanIdLookupSql, { key: 1, project: 1, id: 'x' });
  expect(detail).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
  expect(detail).not.toMatch(/SCAN s|spans_by_(time|task)/);
});

it('looks scores up by span through the keys, never by scanning scores', () => {
  const detail = plan(scoresOfSpanSql, { key: 1, project: 1, spanId: 'x' });
  expect(detail).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
  expect(detail).not.toMatch(/SCAN s|scores_by_time/);
});

it('looks feedback and span bodies up by id through the keys', () => {
  for (const table of ['feedback', 'spans']) {
    const detail = plan(keyedLookupSql(table), { key: 1, project: 1, id: 'x' });
    expect(detail, table).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
    expect(detail, table).not.toMatch(/SCAN t/);
  }
});
