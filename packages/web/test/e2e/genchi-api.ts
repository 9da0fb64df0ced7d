import type { TestGenchi } from '@genchi/server/testing';

/** A JSON client of a test genchi's HTTP API with its admin key: answers parsed, any non-2xx thrown with its body. */
export function genchiApi(genchi: () => TestGenchi) {
  return async <Answer>(path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> => {
    const server = genchi();
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...server.headers(), 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Answer;
  };
}
