import { ConfigError } from './load-config.js';
import { CommandFailure, UsageError } from './arguments.js';
import { check } from './commands/check.js';
import { keys, projects } from './commands/keys.js';
import { serve } from './commands/serve.js';

/** The commands of `genchi`, as data: name, one line of help, and what runs it. */
const commands: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  serve: { summary: 'start genchi with the embedded store (--data DIR --port N --host H --config FILE)', run: serve },
  keys: { summary: 'create, list or revoke API keys (keys create --project P --scopes ingest,read)', run: keys },
  projects: { summary: 'create or list projects', run: projects },
  check: { summary: "run a task's checks over stored spans, exit 1 when a gate fails (check --task T --since 24h)", run: check },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  genchi ${name.padEnd(9)} ${command.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];
if (command === undefined) {
  process.stderr.write(name === undefined || name === 'help' || name === '--help' ? usage() : `unknown command ${name}\n${usage()}`);
  process.exitCode = name === undefined || name === 'help' || name === '--help' ? 0 : 2;
} else {
  command.run(args).catch((error: unknown) => {
    const usage = error instanceof UsageError || error instanceof ConfigError;
    const known = usage || error instanceof CommandFailure;
    process.stderr.write(`genchi ${name}: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}\n`);
    process.exitCode = usage ? 2 : 1;
  });
}
