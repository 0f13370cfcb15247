import { useState, type FormEvent } from 'react';
import { ApiError, fieldError } from '../api/ApiError.js';
import { bridge } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useSession } from './SessionContext.js';

/** No administrator exists yet: create the first one. */
export function FirstRun() {
  const { signedIn } = useSession();
  const [form, setForm] = useState({ username: '', fullName: '', password: '', confirm: '', demo: false });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    const result = await bridge().createFirstAdmin({
      username: form.username,
      fullName: form.fullName,
      password: form.password,
      demo: form.demo,
    });
    setBusy(false);
    if (result.ok) signedIn(result.value);
    else setError(new ApiError(result.error));
  }

  const set = (key: 'username' | 'fullName' | 'password' | 'confirm') => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <main className="centre-page">
      <section className="card narrow" aria-labelledby="first-run-title">
        <p className="brand">KMLTTB Licensing Desk</p>
        <h1 id="first-run-title">Set up this desk</h1>
        <p>No administrator exists yet. Create the first administrator account; you will be signed in with it.</p>
        <form onSubmit={submit} noValidate>
          <Field label="Username" autoComplete="username" required value={form.username} onChange={set('username')} error={fieldError(error, 'username')} />
          <Field label="Full name" autoComplete="name" required value={form.fullName} onChange={set('fullName')} error={fieldError(error, 'fullName')} />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters."
            value={form.password}
            onChange={set('password')}
            error={fieldError(error, 'password')}
          />
          <Field
            label="Confirm password"
            type="password"
            autoComplete="new-password"
            required
            value={form.confirm}
            onChange={set('confirm')}
            error={mismatch ? 'The two passwords are not the same.' : undefined}
          />
          <div className="field checkbox">
            <input id="first-run-demo" type="checkbox" checked={form.demo} onChange={(e) => setForm((f) => ({ ...f, demo: e.target.checked }))} />
            <label htmlFor="first-run-demo">Fill with demo data</label>
          </div>
          <ErrorAlert error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create administrator'}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
