import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/ApiError.js';
import { bridge } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { navigate } from '../shell/routes.js';
import { useSession } from './SessionContext.js';
import { SubmitActions } from '../components/SubmitActions.js';

/** Why the sign-in form follows a first run that failed after the administrator was made. */
function noticeAfter(error: ApiError): string {
  // 'forbidden': one exists already (another window); 'conflict': the demo data failed. Both messages say to sign in.
  if (error.code === 'forbidden' || error.code === 'conflict') return error.message;
  const ref = error.ref ? ` Quote reference ${error.ref} if you report it.` : '';
  return `${errorMessage(error)}${ref} The administrator account exists now: sign in with it.`;
}

/** No administrator exists yet: create the first one. */
export function FirstRun() {
  const { signedIn, adminExists, codeRequired } = useSession();
  const [form, setForm] = useState({ username: '', fullName: '', password: '', confirm: '', code: '', demo: false });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors(error);

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
      ...(codeRequired ? { code: form.code } : {}),
    });
    if (result.ok) {
      navigate('dashboard');
      signedIn(result.value);
      return;
    }
    const failure = new ApiError(result.error);
    // The administrator may exist by now (made before the demo data failed, or from another
    // window): the way on is then to sign in, not to try again here.
    const state = await bridge().firstRun();
    if (state.ok && !state.value.needsAdmin) {
      adminExists(noticeAfter(failure));
      return;
    }
    setBusy(false);
    setError(failure);
  }

  const set = (key: 'username' | 'fullName' | 'password' | 'confirm' | 'code') => (e: { target: { value: string } }) => {
    errors.edited(key);
    if (key === 'password' || key === 'confirm') setMismatch(false);
    setForm((f) => ({ ...f, [key]: e.target.value }));
  };
  // The alert says what went wrong until every field it is about has been edited.
  const fields = ['username', 'fullName', 'password', 'code'];
  const about = error instanceof ApiError ? [error.field ?? '', ...error.issues.map((i) => i.where)].filter((f) => fields.includes(f)) : [];
  const alert = about.length > 0 && about.every((f) => !errors.of(f)) ? null : error;

  return (
    <main className="centre-page">
      <section className="card narrow" aria-labelledby="first-run-title">
        <p className="brand">KMLTTB Licensing Desk</p>
        <h1 id="first-run-title">Set up this desk</h1>
        <p>No administrator exists yet. Create the first administrator account; you will be signed in with it.</p>
        <form onSubmit={submit} noValidate>
          <Field label="Username" autoComplete="username" required value={form.username} onChange={set('username')} error={errors.of('username')} />
          <Field label="Full name" autoComplete="name" required value={form.fullName} onChange={set('fullName')} error={errors.of('fullName')} />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters."
            value={form.password}
            onChange={set('password')}
            error={errors.of('password')}
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
          {codeRequired && (
            <Field
              label="One-time code"
              autoComplete="off"
              spellCheck={false}
              required
              hint={
                <>
                  Printed by <code>kmlttb web</code> in the terminal that started it, on the line “First-run code:”.
                </>
              }
              value={form.code}
              onChange={set('code')}
              error={errors.of('code')}
            />
          )}
          <div className="field checkbox">
            <input id="first-run-demo" type="checkbox" checked={form.demo} onChange={(e) => setForm((f) => ({ ...f, demo: e.target.checked }))} />
            <label htmlFor="first-run-demo">Fill with demo data</label>
          </div>
          <ErrorAlert error={alert} />
          <SubmitActions label={busy ? (form.demo ? 'Creating, with demo data…' : 'Creating…') : 'Create administrator'} disabled={busy} />
        </form>
      </section>
    </main>
  );
}
