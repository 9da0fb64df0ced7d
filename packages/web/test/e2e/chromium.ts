import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `npm test` installs when missing. */
export const chromiumPath = '/usr/bin/chromium';

/** The root of the monorepo. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where `npm run build` puts the web app (served by startTestGenchi when present). */
export const webDistIndex = join(repositoryRoot, 'packages/web/dist/index.html');

const webRoot = join(repositoryRoot, 'packages/web');

/** The newest change to the web app's sources (its src folder, index.html, vite config). */
function newestSourceChange(path = join(webRoot, 'src')): number {
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChange(full) : statSync(full).mtimeMs);
  }
  return path === join(webRoot, 'src') ? Math.max(newest, statSync(join(webRoot, 'index.html')).mtimeMs, statSync(join(webRoot, 'vite.config.ts')).mtimeMs) : newest;
}

const isFresh = () => existsSync(webDistIndex) && statSync(webDistIndex).mtimeMs >= newestSourceChange();

/** Waits, blocking, for a number of milliseconds. */
const pause = (milliseconds: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);

/**
 * Builds the web app when its build is missing or older than its sources (npm test builds first; a
 * lone vitest run may not have). Test files run in parallel: a lock folder lets one build while the
 * others wait, then find the build fresh.
 */
export function ensureWebBuild(): void {
  if (isFresh()) return;
  const lock = join(webRoot, '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`another build of the web app holds ${lock}; remove it if no build runs`);
      pause(250);
    }
  }
  try {
    if (isFresh()) return;
    const result = spawnSync('npm', ['run', 'build', '-w', '@genchi/web'], { cwd: repositoryRoot, encoding: 'utf8' });
    if (result.status !== 0 || !existsSync(webDistIndex)) throw new Error(`building the web app failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

/**
 * Headless Chromium. playwright-core starts it with a fresh temporary profile (its own
 * --user-data-dir, deleted when the browser closes), so no state leaks between runs.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: install it with apt-get install -y chromium (npm test does)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
