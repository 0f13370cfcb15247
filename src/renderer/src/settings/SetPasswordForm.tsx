import { useState, type FormEvent } from 'react';
import type { UserRow } from '../../../shared/contract/admin.js';
import { ApiError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { useAnnounce } from '../shell/Announcer.js';
import { SubmitActions } from '../components/SubmitActions.js';

export function SetPasswordForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const announce = useAnnounce();
  const [password, setPassword] = useState('');
  const setPw = useApiCommand('user.setPassword');
  const errors = useFieldErrors(setPw.error);
  const tiedToField = setPw.error instanceof ApiError && (setPw.error.field === 'password' || setPw.error.issues.some((i) => i.where === 'password'));

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
        onChange={(e) => {
          errors.edited('password');
          setPassword(e.target.value);
        }}
        error={errors.of('password')}
      />
      {setPw.error && !tiedToField && <ErrorAlert error={setPw.error} />}
      <SubmitActions label="Save password" disabled={setPw.isPending} onCancel={onDone} />
    </form>
  );
}
