import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError.js';
import { bridge } from '../api/client.js';
import { SubmitActions } from '../components/SubmitActions.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useSession } from './SessionContext.js';

/** The screen is locked after idle time: the password opens it again. */
export function LockScreen() {
  const { session, unlocked, signOut } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await bridge().unlock(password);
    setBusy(false);
    setPassword('');
    if (result.ok) unlocked(result.value);
    else if (result.error.code === 'not_signed_in') await signOut();
    else setError(new ApiError(result.error));
  }

  return (
    <main className="centre-page">
      <section className="card narrow" aria-labelledby="lock-title">
        <p className="brand">KMLTTB Licensing Desk</p>
        <h1 id="lock-title">Screen locked</h1>
        <p>{session ? `${session.user.fullName} (${session.user.username}): ` : ''}enter your password to carry on where you left off.</p>
        <form onSubmit={submit} noValidate>
          <Field
            label="Password"
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ErrorAlert error={error} />
          <SubmitActions label="Unlock" disabled={busy || !password}>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </SubmitActions>
        </form>
      </section>
    </main>
  );
}
