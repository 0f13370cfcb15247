import type { FormEvent } from 'react';
import type { CentreRow } from '../../../shared/contract/admin.js';
import { ROLES, type Role } from '../../../shared/permissions.js';
import { ApiError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { SelectField } from '../components/SelectField.js';
import { useFormFields } from '../components/useFormFields.js';
import { useAnnounce } from '../shell/Announcer.js';
import { ROLE_LABEL } from '../shell/labels.js';
import { SubmitActions } from '../components/SubmitActions.js';

const EMPTY = { username: '', fullName: '', role: 'officer' as Role, centreId: '', password: '' };
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }));

export function AddUserForm({ centres }: { centres: CentreRow[] }) {
  const announce = useAnnounce();
  const create = useApiCommand('user.create');
  const err = create.error;
  const { form, set, errors, reset } = useFormFields(EMPTY, err);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        username: form.username,
        fullName: form.fullName,
        role: form.role,
        password: form.password,
        ...(form.role === 'clerk' && form.centreId ? { centreId: form.centreId } : {}),
      },
      {
        onSuccess: (user) => {
          announce(`User ${user.username} added.`);
          reset();
        },
      },
    );
  }

  const known = ['username', 'fullName', 'role', 'centreId', 'password'];
  const general = err instanceof ApiError && (!err.field || !known.includes(err.field)) ? err : null;

  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="add-user-title" noValidate>
      <h3 id="add-user-title">Add a user</h3>
      <div className="form-grid">
        <Field label="Username" autoComplete="off" value={form.username} onChange={set('username')} error={errors.of('username')} />
        <Field label="Full name" autoComplete="off" value={form.fullName} onChange={set('fullName')} error={errors.of('fullName')} />
        <SelectField label="Role" options={ROLE_OPTIONS} value={form.role} onChange={set('role')} />
        {form.role === 'clerk' && (
          <SelectField
            label="Centre"
            empty="Choose the clerk's centre"
            options={centres.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
            value={form.centreId}
            onChange={set('centreId')}
          />
        )}
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          value={form.password}
          onChange={set('password')}
          error={errors.of('password')}
        />
      </div>
      {errors.of('centreId') && <p className="field-error">{errors.of('centreId')}</p>}
      <ErrorAlert error={general} />
      <SubmitActions label="Add user" disabled={create.isPending} />
    </form>
  );
}
