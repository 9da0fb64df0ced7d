// A tiny application for the exit test: records spans, then simply ends (no flush, no shutdown), or with
// END=shutdown ends by awaiting genchi.shutdown() at the top level, as a script would.
// It loads the built SDK (`npm run build` first) and reads GENCHI_BASE_URL / GENCHI_API_KEY.
import { Genchi } from '@genchi/sdk';

const genchi = new Genchi({ exporter: { flushIntervalMs: 60_000, exitFlushTimeoutMs: Number(process.env.EXIT_FLUSH_TIMEOUT_MS ?? 2000) } });
const count = Number(process.env.SPANS ?? 3);
for (let index = 0; index < count; index++) {
  await genchi.observe(`exit-step-${index}`, { task: 'exit-test', input: `step ${index}` }, async () => index);
}
process.stdout.write(`recorded ${count}\n`);
if (process.env.END === 'shutdown') {
  const result = await genchi.shutdown();
  process.stdout.write(`shut down, all sent: ${result.completed}\n`);
}
