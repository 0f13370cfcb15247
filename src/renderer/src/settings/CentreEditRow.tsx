import { useState } from 'react';
import type { CentreRow } from '../../../shared/contract/admin.js';
import { errorMessage } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { useAnnounce } from '../shell/Announcer.js';

/** One centre's row in edit mode. */
export function CentreEditRow({ centre, onDone }: { centre: CentreRow; onDone: () => void }) {
  const announce = useAnnounce();
  const [form, setForm] = useState({ name: centre.name, town: centre.town, region: centre.region });
  const update = useApiCommand('centre.update');
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  function save() {
    update.mutate(
      { id: centre.id, ...form },
      {
        onSuccess: (c) => {
          announce(`${c.name} saved.`);
          onDone();
        },
      },
    );
  }

  return (
    <tr className="editing">
      <td className="mono">{centre.code}</td>
      <td>
        <input aria-label={`Name of ${centre.code}`} value={form.name} onChange={set('name')} />
      </td>
      <td>
        <input aria-label={`Town of ${centre.code}`} value={form.town} onChange={set('town')} />
      </td>
      <td>
        <input aria-label={`Region of ${centre.code}`} value={form.region} onChange={set('region')} />
      </td>
      <td>
        {centre.active ? 'Active' : 'Inactive'}
        {update.error && (
          <p className="field-error" role="alert">
            {errorMessage(update.error)}
          </p>
        )}
      </td>
      <td className="row-actions">
        <button type="button" className="primary" onClick={save} disabled={update.isPending}>
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </td>
    </tr>
  );
}
