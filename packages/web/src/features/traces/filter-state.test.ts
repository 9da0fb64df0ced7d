import { describe, expect, it } from 'vitest';
import { filtersFromSearch, hasFilters, searchOfFilters, spansPath } from './filter-state.js';

describe('traces filter state in the URL', () => {
  it('reads the known filters from a query string and ignores the rest', () => {
    const filters = filtersFromSearch(new URLSearchParams('task=qa&status=error&colour=red&model=%20&from=24h'));
    expect(filters).toEqual({ task: 'qa', status: 'error', from: '24h' });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters({})).toBe(false);
  });

  it('writes filters in a stable order, so equal filters give equal URLs', () => {
    expect(searchOfFilters({ status: 'error', task: 'qa', from: '7d' })).toBe('?from=7d&task=qa&status=error');
    expect(searchOfFilters({})).toBe('');
    expect(filtersFromSearch(new URLSearchParams(searchOfFilters({ userId: 'ann b', tag: 'x&y' })))).toEqual({ userId: 'ann b', tag: 'x&y' });
  });

  it('builds the API path of a page, with its cursor', () => {
    expect(spansPath({ task: 'qa' }, null, 50)).toBe('/v1/spans?task=qa&limit=50');
    expect(spansPath({}, 'abc', 100)).toBe('/v1/spans?limit=100&cursor=abc');
  });
});
