import { useState } from 'react';
import { api } from '../../api/client.js';

/** One way to send traces, as data: a name, when to choose it, and its snippet for this server. */
interface Snippet {
  id: string;
  title: string;
  when: string;
  code(base: string, project: string): string;
}

const snippets: Snippet[] = [
  {
    id: 'sdk',
    title: 'TypeScript SDK',
    when: 'You can add a package to the app: every OpenAI call is logged, streams untouched.',
    code: (base) => `npm install @genchi/sdk

import OpenAI from 'openai';
import { Genchi } from '@genchi/sdk';

const genchi = new Genchi({ baseUrl: '${base}', apiKey: process.env.GENCHI_API_KEY });
const openai = genchi.wrapOpenAI(new OpenAI(), { task: 'categorize-product' });`,
  },
  {
    id: 'gateway',
    title: 'Gateway (change one base URL)',
    when: 'Any language with an OpenAI client; upstream providers are named in genchi.config.yaml.',
    code: (base) => `const openai = new OpenAI({
  baseURL: '${base}/v1',
  apiKey: process.env.GENCHI_API_KEY,
  defaultHeaders: { 'x-genchi-task': 'categorize-product' },
});

# or from a shell
curl ${base}/v1/chat/completions -H "Authorization: Bearer $GENCHI_API_KEY" \\
  -H 'content-type: application/json' -H 'x-genchi-task: categorize-product' \\
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'`,
  },
  {
    id: 'otlp',
    title: 'OpenTelemetry (OTLP/HTTP)',
    when: 'Your app already emits GenAI, OpenInference or Vercel AI SDK spans.',
    code: (base) => `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${base}/v1/traces
OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer $GENCHI_API_KEY"
OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf`,
  },
  {
    id: 'native',
    title: 'Plain HTTP',
    when: 'Try it now: one span from a shell.',
    code: (base) => `curl ${base}/v1/ingest -H "Authorization: Bearer $GENCHI_API_KEY" -H 'content-type: application/json' \\
  -d '{"batch":[{"type":"span","body":{"id":"s-1","traceId":"t-1","task":"hello","model":"gpt-4o-mini","input":[{"role":"user","content":"Hi"}],"output":[{"role":"assistant","content":"Hello!"}]}}]}'`,
  },
];

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? 'copied' : 'copy'}
    </button>
  );
}

/** Creates a key for sending data (admins only): its secret is shown this once. */
function CreateKey({ onCreated }: { onCreated(secret: string): void }) {
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    try {
      const created = await api<{ secret: string }>('/v1/keys', { method: 'POST', body: { name: 'first ingest key', scopes: ['ingest', 'read'] } });
      onCreated(created.secret);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => void create()}>
        Create a key now
      </button>
      {error ? <span className="error-text"> {error}</span> : null}
    </>
  );
}

/** What a new user sees before any data: how to get a key and send the first trace, with this server's own address filled in. */
export function GettingStarted({ project, canCreateKey = false }: { project: string; canCreateKey?: boolean }) {
  const base = window.location.origin;
  const [chosen, setChosen] = useState(snippets[0]?.id ?? 'sdk');
  const [secret, setSecret] = useState<string | null>(null);
  const snippet = snippets.find((entry) => entry.id === chosen) ?? snippets[0];
  return (
    <section className="getting-started" data-testid="getting-started">
      <h2>Send your first trace</h2>
      <p>
        Nothing has arrived in project <strong>{project}</strong> yet. genchi shows every call your application makes to a model; pick a way in.
        First you need a key that may send data:
      </p>
      {secret ? (
        <div className="code-wrap">
          <pre className="code" data-testid="new-key">export GENCHI_API_KEY={secret}</pre>
          <CopyButton text={`export GENCHI_API_KEY=${secret}`} />
          <p className="muted small">Shown this once; genchi stores only its hash.</p>
        </div>
      ) : (
        <div className="row">
          <pre className="code">npx genchi keys create --project {project} --scopes ingest,read</pre>
          {canCreateKey ? <CreateKey onCreated={setSecret} /> : null}
        </div>
      )}
      <div className="tabs" role="tablist">
        {snippets.map((entry) => (
          <button key={entry.id} type="button" role="tab" aria-selected={entry.id === chosen} className={entry.id === chosen ? 'active' : ''} onClick={() => setChosen(entry.id)}>
            {entry.title}
          </button>
        ))}
      </div>
      {snippet ? (
        <div className="snippet">
          <p className="muted">{snippet.when}</p>
          <div className="code-wrap">
            <pre className="code">{snippet.code(base, project)}</pre>
            <CopyButton text={snippet.code(base, project)} />
          </div>
        </div>
      ) : null}
      <p className="muted">This page updates by itself when the first span arrives.</p>
    </section>
  );
}
