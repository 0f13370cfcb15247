import type { FormEvent, ReactNode } from 'react';
import type { SettingRow } from '../../../shared/contract/admin.js';
import { ApiError } from '../api/ApiError.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import type { SettingsForm } from './useSettingsForm.js';

interface Props {
  id: string;
  title: string;
  description: string;
  rows: readonly SettingRow[];
  form: SettingsForm;
  children: ReactNode;
}

/** A group of settings as one form: its title, what it is about, its fields, and one Save. */
export function SettingsGroupForm({ id, title, description, rows, form, children }: Props) {
  const keys = rows.map((r) => r.key);
  // Problems about one of the fields are shown at the field; anything else above the Save.
  const general = form.error instanceof ApiError && form.error.field !== undefined && keys.includes(form.error.field) ? null : form.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit();
  }

  return (
    <form className="card settings-group" onSubmit={submit} aria-labelledby={`${id}-title`} aria-describedby={`${id}-about`} noValidate>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="muted" id={`${id}-about`}>
        {description}
      </p>
      {children}
      <ErrorAlert error={general} />
      <div className="actions">
        <button type="submit" className="primary" aria-label={`Save ${title}`} disabled={form.changed.length === 0 || form.saving}>
          Save
        </button>
        {form.changed.length > 0 && (
          <span className="muted">{form.changed.length === 1 ? '1 change not saved' : `${form.changed.length} changes not saved`}</span>
        )}
      </div>
    </form>
  );
}
