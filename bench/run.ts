// `npm run bench [names…]`: runs every bench/*.bench.ts (or the named ones) one after the other and
// writes bench/results.json and bench/results.md. Each figure sits beside its same-run baseline.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Bench, BenchResult, Figure } from './bench-result.js';

const folder = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = readdirSync(folder).filter((file) => file.endsWith('.bench.ts')).sort();

function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

function row(result: BenchResult, figure: Figure): string {
  const baseline = figure.baseline ? `${formatNumber(figure.baseline.value)} (${figure.baseline.label})` : '';
  const ratio = figure.baseline && figure.baseline.value !== 0 ? `${(figure.value / figure.baseline.value).toFixed(2)}×` : '';
  const goal = figure.goal ? `${figure.goal.text} ${figure.goal.met ? 'met' : 'NOT met'}` : '';
  return `| ${result.name} | ${figure.label} | ${formatNumber(figure.value)} ${figure.unit} | ${baseline} | ${ratio} | ${goal} |`;
}

const results: BenchResult[] = [];
for (const file of files) {
  const { bench } = (await import(new URL(file, folder).href)) as { bench: Bench };
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  process.stdout.write(`\n== ${bench.name}: ${bench.summary}\n`);
  const result = await bench.run();
  results.push(result);
  for (const figure of result.figures) process.stdout.write(`${row(result, figure)}\n`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
writeFileSync(new URL('results.json', folder), JSON.stringify({ machine, at: new Date().toISOString(), results }, null, 2));
const table = [
  `# genchi benchmarks\n\n${machine}, ${new Date().toISOString()}\n`,
  '| bench | figure | value | baseline (same run) | ratio | goal |',
  '|---|---|---|---|---|---|',
  ...results.flatMap((result) => result.figures.map((figure) => row(result, figure))),
  '',
  ...results.flatMap((result) => result.notes.map((note) => `- ${result.name}: ${note}`)),
].join('\n');
writeFileSync(new URL('results.md', folder), `${table}\n`);
process.stdout.write(`\nwrote bench/results.json and bench/results.md\n`);
