import { useState, type FormEvent } from 'react';
import type { UserRow } from '../../../shared/contract/admin.js';
import { fieldError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useAnnounce } from '../shell/Announcer.js';

export function SetPasswordForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const announce = useAnnounce();
  const [password, setPassword] = useState('');
  const setPw = useApiCommand('user.setPassword', ['users.list']);

  function submit(event: FormEvent) {
    event.preventDefault();
    setPw.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          announce(`Password set for ${user.username}.`);
          onDone();
        },
      },
    );
  }

  return (
    <form className="card inline-form" onSubmit={submit} aria-label={`Set password for ${user.username}`} noValidate>
      <h3>Set a new password for {user.fullName}</h3>
      <Field
        label={`New password for ${user.username}`}
        type="password"
        autoComplete="new-password"
        autoFocus
        hint="At least 10 characters. Give it to the person privately."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError(setPw.error, 'password')}
      />
      {setPw.error && !fieldError(setPw.error, 'password') && <ErrorAlert error={setPw.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={setPw.isPending}>
          Save password
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
