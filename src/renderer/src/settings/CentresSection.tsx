import { useState } from 'react';
import type { CentreRow } from '../../../shared/contract/admin.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { AddCentreForm } from './AddCentreForm.js';
import { CentreEditRow } from './CentreEditRow.js';

/** RBTC centres: the six regional centres and any satellites. */
export function CentresSection() {
  const announce = useAnnounce();
  const centres = useApiQuery('centres.list', {});
  const update = useApiCommand('centre.update');
  const [editing, setEditing] = useState<string | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);

  function toggle(c: CentreRow) {
    setRowError(null);
    update.mutate({ id: c.id, active: !c.active }, { onSuccess: () => announce(`${c.name} ${c.active ? 'deactivated' : 'activated'}.`), onError: setRowError });
  }

  return (
    <section aria-labelledby="centres-title">
      <h2 id="centres-title">Centres</h2>
      <ErrorAlert error={centres.error ?? rowError} />
      <SimpleTable
        label="Centres"
        headings={['Code', 'Name', 'Town', 'Region', 'Status', 'Actions']}
        empty={!centres.data?.length && { text: 'No centres yet.', loading: centres.isPending }}
      >
        {(centres.data ?? []).map((c) =>
          editing === c.id ? (
            <CentreEditRow key={c.id} centre={c} onDone={() => setEditing(null)} />
          ) : (
            <tr key={c.id}>
              <td className="mono">{c.code}</td>
              <td>{c.name}</td>
              <td>{c.town}</td>
              <td>{c.region}</td>
              <td>{c.active ? 'Active' : 'Inactive'}</td>
              <td className="row-actions">
                <button type="button" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c.id)}>
                  Edit
                </button>
                <button type="button" aria-label={`${c.active ? 'Deactivate' : 'Activate'} ${c.name}`} disabled={update.isPending} onClick={() => toggle(c)}>
                  {c.active ? 'Deactivate' : 'Activate'}
                </button>
              </td>
            </tr>
          ),
        )}
      </SimpleTable>
      <AddCentreForm />
    </section>
  );
}
