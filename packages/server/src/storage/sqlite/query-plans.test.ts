import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from './migrations.js';
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
