import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError.js';
import { bridge } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { navigate } from '../shell/routes.js';
import { useSession } from './SessionContext.js';
import { SubmitActions } from '../components/SubmitActions.js';

export function SignIn() {
  const { signedIn, notice } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await bridge().login(username, password);
    setBusy(false);
    if (result.ok) {
      // Every sign-in starts on the Dashboard, whatever screen the last person left open.
      navigate('dashboard');
      signedIn(result.value);
    } else {
      setError(new ApiError(result.error));
      setPassword('');
    }
  }

  return (
    <main className="centre-page">
      <section className="card narrow" aria-labelledby="sign-in-title">
        <p className="brand">KMLTTB Licensing Desk</p>
        <h1 id="sign-in-title">Sign in</h1>
        {notice && !error && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <Field label="Username" name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ErrorAlert error={error} />
          <SubmitActions label="Sign in" disabled={busy || !username || !password} />
        </form>
      </section>
    </main>
  );
}
