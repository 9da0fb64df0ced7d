import type { SessionInfo } from '@genchi/spec';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { Loading } from '../../components/states.js';

/** Logs in with an API key, or at once with the one-time token of a login link (`/login#<token>`). */
export function LoginPage({ onLogin }: { onLogin(session: SessionInfo): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const linkToken = useRef(window.location.hash.slice(1));
  const [usingLink, setUsingLink] = useState(linkToken.current !== '');

  useEffect(() => {
    const token = linkToken.current;
    if (token === '') return;
    linkToken.current = '';
    // The token leaves the address bar and history before it is used.
    window.history.replaceState(null, '', '/login');
    api<SessionInfo>('/v1/session', { method: 'POST', body: { loginToken: token } }).then(onLogin, (failure: unknown) => {
      setError((failure as Error).message);
      setUsingLink(false);
    });
  }, [onLogin]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const apiKey = String(new FormData(event.currentTarget).get('apiKey') ?? '').trim();
    if (apiKey === '') return setError('Paste an API key.');
    setBusy(true);
    setError(null);
    try {
      onLogin(await api<SessionInfo>('/v1/session', { method: 'POST', body: { apiKey } }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-box">
        <h1>genchi</h1>
        <p className="muted">Go and see the real thing: your application's model calls, every day.</p>
        {usingLink ? (
          <Loading label="Opening the login link…" />
        ) : (
          <form onSubmit={submit} aria-label="log in">
            <label>
              API key
              <input name="apiKey" type="password" autoComplete="off" autoFocus placeholder="gk_…" data-testid="api-key" />
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Logging in…' : 'Log in'}
            </button>
            {error ? <p className="error-text" role="alert">{error}</p> : null}
            <p className="muted small">
              No key? Open the login link that <code>genchi serve</code> printed when it started, or create a key with{' '}
              <code>npx genchi keys create --project default --scopes read,admin</code>. The session is kept in an httpOnly cookie; the key is not stored in the browser.
            </p>
          </form>
        )}
      </div>
    </main>
  );
}
