import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `npm test` installs when missing. */
export const chromiumPath = '/usr/bin/chromium';

/** The root of the monorepo. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where `npm run build` puts the web app (served by startTestGenchi when present). */
export const webDistIndex = join(repositoryRoot, 'packages/web/dist/index.html');

/** Builds the web app when its build is missing (npm test builds first; a lone vitest run may not have). */
export function ensureWebBuild(): void {
  if (existsSync(webDistIndex)) return;
  const result = spawnSync('npm', ['run', 'build', '-w', '@genchi/web'], { cwd: repositoryRoot, encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(webDistIndex)) throw new Error(`building the web app failed:\n${result.stdout}\n${result.stderr}`);
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
