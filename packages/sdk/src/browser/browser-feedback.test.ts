import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startTestGenchi, type TestGenchi } from '@genchi/server/testing';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The page loads the built browser entry (`npm run build` first), as a site would ship it.
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** A web site on 127.0.0.1: a blank page at `/`, the SDK's built files under `/sdk/`. */
async function startSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    if (!path.startsWith('/sdk/')) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>shop</title>');
      return;
    }
    try {
      const body = await readFile(`${dist}${path.slice('/sdk/'.length).replace(/\.\./g, '')}`);
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('@genchi/sdk/browser in headless Chromium', () => {
  let browser: Browser;
  let genchi: TestGenchi;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let publicKey: string;

  beforeAll(async () => {
    [allowed, other] = await Promise.all([startSite(), startSite()]);
    genchi = await startTestGenchi({ config: { server: { corsOrigins: [allowed.origin] } } });
    publicKey = await genchi.keyWith(['ingest']);
    const start = Date.now() - 1000;
    await fetch(`${genchi.url}/v1/ingest`, {
      method: 'POST',
      headers: { ...genchi.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ batch: [{ type: 'span', body: { id: 'answer-1', traceId: 'trace-1', startTime: start, endTime: start + 200, output: 'Footwear > Running' } }] }),
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await genchi?.close();
    await Promise.all([allowed, other].map((site) => new Promise((resolve) => site?.server.close(resolve))));
  });

  const sendFrom = async (origin: string, event: unknown) => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      // A string, so that the test runner does not rewrite the page's own dynamic import.
      const script = `(async () => {
        const { GenchiFeedback } = await import('/sdk/browser/index.js');
        const feedback = new GenchiFeedback({ baseUrl: ${JSON.stringify(genchi.url)}, publicKey: ${JSON.stringify(publicKey)}, maxRetries: 0 });
        return feedback.send('answer-1', ${JSON.stringify(event)});
      })()`;
      return (await page.evaluate(script)) as Record<string, unknown>;
    } finally {
      await page.close();
    }
  };

  it('sends feedback from an allowed origin with a public key (preflight and CORS answered)', async () => {
    const thumbs = await sendFrom(allowed.origin, { thumbs: 'up', comment: 'spot on' });
    expect(thumbs).toMatchObject({ ok: true, labelStrength: 2, label: 'strong-positive' });
    const edited = await sendFrom(allowed.origin, { event: 'edited', finalText: 'Footwear > Running shoes' });
    expect(edited).toMatchObject({ ok: true, labelStrength: -1 });
    const span = (await (await fetch(`${genchi.url}/v1/spans/answer-1`, { headers: genchi.headers() })).json()) as { feedback: Array<{ kind: string }>; scores: Array<{ source: string }> };
    expect(span.feedback.map((event) => event.kind)).toEqual(['thumbs', 'edited']);
    expect(span.scores.filter((score) => score.source === 'feedback')).toHaveLength(2);
  });

  it('is refused by the browser from an origin genchi does not name', async () => {
    const result = await sendFrom(other.origin, { event: 'copied' });
    expect(result).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/^network: /) });
    const span = (await (await fetch(`${genchi.url}/v1/spans/answer-1`, { headers: genchi.headers() })).json()) as { feedback: unknown[] };
    expect(span.feedback).toHaveLength(2);
  });

  it('names a bad event without a request', async () => {
    expect(await sendFrom(allowed.origin, { event: 'edited' })).toMatchObject({ ok: false, error: 'an edited event needs finalText, the text the user kept' });
  });
});
