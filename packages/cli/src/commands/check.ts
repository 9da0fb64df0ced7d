import type { CheckRunLine, CheckRunReport } from '@genchi/spec';
import { CommandFailure, parseFlags, UsageError } from '../arguments.js';

const usage = 'genchi check --task T [--since 24h] [--until TIME] [--check ID]... [--min-pass-rate 0.95] [--environment prod|all] [--limit N] [--url URL --key KEY] [--json]';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** The report as a table, one line per check, with its failing examples. */
export function formatCheckReport(report: CheckRunReport): string {
  const header = ['check', 'type', 'evaluated', 'pass', 'fail', 'error', 'not eval.', 'pass rate', 'gate'];
  const rows = report.checks.map((line: CheckRunLine) => [
    line.name, line.type, String(line.evaluated), String(line.passed), String(line.failed), String(line.errors), String(line.skipped), percent(line.passRate),
    line.gate === null ? '—' : `${line.gate.passed ? 'ok' : 'FAILED'} (≥ ${percent(line.gate.minPassRate)})`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const lines = [`task ${report.task}: ${report.spans} spans from ${report.from} to ${report.to}`, '', format(header), ...rows.map(format)];
  for (const line of report.checks) {
    for (const example of line.examples) lines.push(`  ${line.name}: ${example.status} on span ${example.spanId}${example.reason === null ? '' : ` — ${example.reason}`}`);
  }
  lines.push('', report.gatesFailed === 0 ? 'all gates passed' : `${report.gatesFailed} gate${report.gatesFailed === 1 ? '' : 's'} failed`);
  return `${lines.join('\n')}\n`;
}

function numberFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return parsed;
}

/**
 * `genchi check`: runs a task's checks over its stored spans on a running genchi (`--url`/`--key`,
 * or GENCHI_BASE_URL/GENCHI_API_KEY) and prints a report; exits 1 when a gate fails, so it can run in CI.
 */
export async function check(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    task: { type: 'string' },
    since: { type: 'string', default: '24h' },
    until: { type: 'string' },
    check: { type: 'string', multiple: true },
    'min-pass-rate': { type: 'string' },
    environment: { type: 'string', default: 'prod' },
    limit: { type: 'string' },
    url: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.task === undefined) throw new UsageError(`--task is required\nusage: ${usage}`);
  const url = (values.url ?? process.env.GENCHI_BASE_URL ?? 'http://127.0.0.1:4680').replace(/\/+$/, '');
  const key = values.key ?? process.env.GENCHI_API_KEY;
  if (key === undefined) throw new UsageError(`give an API key with read scope: --key or GENCHI_API_KEY\nusage: ${usage}`);
  const minPassRate = numberFlag('min-pass-rate', values['min-pass-rate'], 0, 1);
  const limit = numberFlag('limit', values.limit, 1, 100_000);
  const body = {
    task: values.task,
    since: values.since,
    ...(values.until === undefined ? {} : { until: values.until }),
    ...(values.check === undefined ? {} : { checkIds: values.check }),
    ...(minPassRate === undefined ? {} : { minPassRate }),
    ...(limit === undefined ? {} : { limit }),
    environment: values.environment === 'all' ? null : values.environment,
  };
  let response: Response;
  try {
    response = await fetch(`${url}/v1/checks/run`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new CommandFailure(`cannot reach genchi at ${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  const answer = (await response.json().catch(() => null)) as (CheckRunReport & { error?: { message: string } }) | null;
  if (!response.ok || answer === null) throw new CommandFailure(`genchi answered ${response.status}: ${answer?.error?.message ?? 'no JSON body'}`);
  process.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : formatCheckReport(answer));
  if (answer.gatesFailed > 0) process.exitCode = 1;
}
