import type { FormEvent } from 'react';
import { ApiError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useFormFields } from '../components/useFormFields.js';
import { useAnnounce } from '../shell/Announcer.js';
import { SubmitActions } from '../components/SubmitActions.js';

const EMPTY = { code: '', name: '', town: '', region: '' };

export function AddCentreForm() {
  const announce = useAnnounce();
  const create = useApiCommand('centre.create');
  const err = create.error;
  const { form, set, errors, reset } = useFormFields(EMPTY, err);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(form, {
      onSuccess: (c) => {
        announce(`Centre ${c.name} added.`);
        reset();
      },
    });
  }

  const general = err instanceof ApiError && !['code', 'name', 'town', 'region'].includes(err.field ?? '') ? err : null;
  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="add-centre-title" noValidate>
      <h3 id="add-centre-title">Add a centre</h3>
      <div className="form-grid">
        <Field label="Code" hint="2 to 8 letters or digits, e.g. MCK" value={form.code} onChange={set('code')} error={errors.of('code')} />
        <Field label="Name" value={form.name} onChange={set('name')} error={errors.of('name')} />
        <Field label="Town" value={form.town} onChange={set('town')} error={errors.of('town')} />
        <Field label="Region" value={form.region} onChange={set('region')} error={errors.of('region')} />
      </div>
      <ErrorAlert error={general} />
      <SubmitActions label="Add centre" disabled={create.isPending} />
    </form>
  );
}
