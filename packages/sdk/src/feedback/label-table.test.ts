import { readFileSync } from 'node:fs';
import { labelRules, labelStrengths } from '@genchi/spec';
import { describe, expect, it } from 'vitest';

describe('the label-strength table of the README', () => {
  it('shows exactly the rules of @genchi/spec, in order', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Label strength'), readme.indexOf('A rating\'s share'));
    const rows = section.split('\n').filter((line) => /^\| [a-z]+ \|/.test(line) && !line.startsWith('| event'));
    const expected = labelRules.map((rule) => {
      const strength = rule.strength > 0 ? `+${rule.strength}` : String(rule.strength);
      const label = labelStrengths.find((entry) => entry.value === rule.strength)?.label;
      return `| ${rule.kind} | ${rule.reading} | ${strength} | ${label} |`;
    });
    expect(rows).toEqual(expected);
  });
});
