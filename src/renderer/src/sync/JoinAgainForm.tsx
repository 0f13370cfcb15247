import { useState, type FormEvent } from 'react';
import { ApiError, fieldError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useAnnounce } from '../shell/Announcer.js';
import { SubmitActions } from '../components/SubmitActions.js';

/** On a desk the central service refuses (withdrawn, expired): an administrator of the service signs in to join it again. */
export function JoinAgainForm() {
  const announce = useAnnounce();
  const [form, setForm] = useState({ username: '', password: '' });
  const joinAgain = useApiCommand('sync.joinAgain');
  const err = joinAgain.error;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    joinAgain.mutate(form, {
      onSuccess: (r) => {
        announce(`This desk joined ${r.serverUrl} again. Its waiting changes go out at the next sync.`);
        setForm({ username: '', password: '' });
      },
    });
  }

  return (
    <form onSubmit={submit} aria-labelledby="join-again-title" noValidate>
      <h3 id="join-again-title">Join again</h3>
      <p>
        The desk joins as a new desk, keeping its records and the changes waiting here. Sign in with an administrator&apos;s account on the central service.
      </p>
      <div className="form-grid">
        <Field label="Username on the service" autoComplete="off" value={form.username} onChange={set('username')} error={fieldError(err, 'username')} />
        <Field
          label="Password on the service"
          type="password"
          autoComplete="off"
          value={form.password}
          onChange={set('password')}
          error={fieldError(err, 'password')}
        />
      </div>
      <ErrorAlert error={err && !(err instanceof ApiError && ['username', 'password'].includes(err.field ?? '')) ? err : null} />
      <SubmitActions label={joinAgain.isPending ? 'Joining…' : 'Join again'} disabled={joinAgain.isPending} />
    </form>
  );
}
