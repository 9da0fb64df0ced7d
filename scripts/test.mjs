#!/usr/bin/env node
// `npm test`: installs the system parts the tests use when they are missing, builds, checks the
// import direction, typechecks the tests and runs every test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** System parts the tests need, as data: how to tell one is here, and its Debian package. */
const systemParts = [
  { name: 'Chromium (headless UI tests)', present: () => existsSync('/usr/bin/chromium'), debianPackage: 'chromium' },
  { name: 'PostgreSQL server', present: () => hasCommand('pg_ctl') || existsSync('/usr/lib/postgresql'), debianPackage: 'postgresql' },
];

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

function installMissingSystemParts() {
  const missing = systemParts.filter((part) => !part.present());
  if (missing.length === 0) return;
  process.stdout.write(`installing ${missing.map((part) => part.name).join(', ')} from Debian's packages\n`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (...args) => {
    const [command, ...rest] = [...asRoot, 'apt-get', ...args];
    run(command, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  apt('update', '-q');
  apt('install', '-y', '-q', '--no-install-recommends', ...missing.map((part) => part.debianPackage));
}

const only = process.argv.slice(2);
installMissingSystemParts();
run('npm', ['run', 'build', '--silent']);
run('npm', ['run', 'check:imports', '--silent']);
run('npx', ['tsc', '-p', 'tsconfig.test.json']);
run('npx', ['vitest', 'run', ...only]);
