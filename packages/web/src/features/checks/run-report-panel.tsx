import type { CheckRunReport } from '@genchi/spec';
import { useState } from 'react';
import { formatCount, formatPercent, formatTime } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { runChecks } from './checks-api.js';

const windows = ['24h', '7d', '30d'] as const;

/** The report of a run: one line per check, its pass rate against its gate, and a few failing spans. */
function ReportTable({ report }: { report: CheckRunReport }) {
  return (
    <>
      <p className={report.gatesFailed > 0 ? 'negative' : 'positive'} data-testid="run-summary">
        {formatCount(report.spans)} spans from {formatTime(report.from)} to {formatTime(report.to)} ·{' '}
        {report.gatesFailed === 0 ? 'every gate passes' : `${report.gatesFailed} ${report.gatesFailed === 1 ? 'gate fails' : 'gates fail'} (genchi check would exit non-zero)`}
      </p>
      <table className="table compact">
        <thead>
          <tr>
            <th>check</th>
            <th className="number">evaluated</th>
            <th className="number">passed</th>
            <th className="number">failed</th>
            <th className="number">errors</th>
            <th className="number">not evaluated</th>
            <th className="number">pass rate</th>
            <th>gate</th>
            <th>failing spans</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((line) => (
            <tr key={line.checkId}>
              <td>{line.name} <span className="muted small">{line.type}</span></td>
              <td className="number">{formatCount(line.evaluated)}</td>
              <td className="number">{formatCount(line.passed)}</td>
              <td className="number">{formatCount(line.failed)}</td>
              <td className="number">{formatCount(line.errors)}</td>
              <td className="number">{formatCount(line.skipped)}</td>
              <td className="number">{formatPercent(line.passRate)}</td>
              <td>{line.gate ? <span className={line.gate.passed ? 'positive' : 'negative'}>≥ {formatPercent(line.gate.minPassRate, 0)}: {line.gate.passed ? 'passes' : 'fails'}</span> : <span className="muted">none</span>}</td>
              <td className="links">
                {line.examples.slice(0, 3).map((example) => (
                  <Link key={example.spanId} to={`/traces/${encodeURIComponent(example.spanId)}`} title={example.reason ?? example.status}>{example.status}</Link>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Runs the task's enabled checks over its stored production spans of a window, as `genchi check` does in CI (no score is stored). */
export function RunReportPanel({ task }: { task: string }) {
  const [since, setSince] = useState<(typeof windows)[number]>('24h');
  const [report, setReport] = useState<CheckRunReport | null>(null);
  const [state, setState] = useState<string | null>(null);
  const run = async () => {
    setState('Running…');
    try {
      setReport(await runChecks(task, since));
      setState(null);
    } catch (failure) {
      setState((failure as Error).message);
    }
  };
  return (
    <section className="panel" data-testid="run-report">
      <header className="criterion-head">
        <h2>Gates over stored spans</h2>
        <span className="spacer" />
        <select value={since} onChange={(event) => setSince(event.target.value as (typeof windows)[number])} aria-label="window">
          {windows.map((window) => <option key={window} value={window}>last {window}</option>)}
        </select>
        <button type="button" onClick={() => void run()}>Run the checks</button>
      </header>
      <p className="muted small">
        The same as <code>genchi check --task {task} --since {since}</code> in CI: every enabled check over the stored production spans, pass rates against the gates; nothing is stored.
      </p>
      {state ? <p className="muted" role="status">{state}</p> : null}
      {report ? <ReportTable report={report} /> : null}
    </section>
  );
}
