#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSimLlm } from './start-sim-llm.js';

// Standalone entry: `node dist/sim-llm/main.js --port 4681 [--first-token-ms N --per-token-ms N]`.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4681' },
    'first-token-ms': { type: 'string', default: '0' },
    'per-token-ms': { type: 'string', default: '0' },
    'fault-rate': { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: sim-llm [--port 4681] [--first-token-ms N] [--per-token-ms N] [--fault-rate 0..1]');
  process.exit(0);
}

function numberOption(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`sim-llm: --${name} must be a non-negative number, got '${text}'`);
    process.exit(2);
  }
  return value;
}

const sim = await startSimLlm({
  port: numberOption('port', values.port),
  latency: {
    firstTokenMs: numberOption('first-token-ms', values['first-token-ms']),
    perTokenMs: numberOption('per-token-ms', values['per-token-ms']),
  },
  faultRate: numberOption('fault-rate', values['fault-rate']),
});
console.log(`sim-llm (simulated OpenAI-compatible server) listening on ${sim.url}`);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
