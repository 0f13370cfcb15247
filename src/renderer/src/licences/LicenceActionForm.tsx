import { useId, useState } from 'react';
import type { LicenceDetail } from '../../../shared/contract/licences.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { ReasonConfirmForm } from '../components/ReasonConfirmForm.js';
import { SelectField } from '../components/SelectField.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { useAnnounce } from '../shell/Announcer.js';

export type LicenceAction = 'reassign' | 'revoke';

/** Reassign to another centre (before dispatch) or revoke: a reason kept in the history, then Confirm. */
export function LicenceActionForm({ licence, kind, onDone }: { licence: LicenceDetail; kind: LicenceAction; onDone: () => void }) {
  const announce = useAnnounce();
  const centreErrorId = useId();
  const [centreId, setCentreId] = useState('');
  const [centreProblem, setCentreProblem] = useState<string | null>(null);
  const centres = useApiQuery('centres.list', {}, { enabled: kind === 'reassign' });
  const reassign = useApiCommand('licence.reassign');
  const revoke = useApiCommand('licence.revoke');
  const command = kind === 'reassign' ? reassign : revoke;
  const errors = useFieldErrors(command.error);

  function confirm(reason: string) {
    const noCentre = kind === 'reassign' && !centreId;
    setCentreProblem(noCentre ? 'Choose the new centre' : null);
    if (noCentre) return;
    if (reason.length < 3) return 'Give a reason of at least 3 characters';
    const done =
      kind === 'reassign' ? reassign.mutateAsync({ licenceId: licence.id, centreId, reason }) : revoke.mutateAsync({ licenceId: licence.id, reason });
    done.then(
      (row) => {
        announce(kind === 'reassign' ? `Licence ${row.licenceNo} reassigned to ${row.centreName}.` : `Licence ${row.licenceNo} revoked.`);
        onDone();
      },
      () => undefined, // shown below
    );
  }

  const centreError = centreProblem ?? errors.of('centreId');
  const options = (centres.data ?? []).filter((c) => c.active && c.id !== licence.centreId).map((c) => ({ value: c.id, label: c.name }));

  return (
    <ReasonConfirmForm
      className={`licence-${kind}`}
      title={`${kind === 'reassign' ? 'Reassign' : 'Revoke'} ${licence.licenceNo}`}
      why={kind === 'revoke' ? 'A revoked licence no longer verifies as valid. This cannot be undone.' : undefined}
      whyClassName="warn"
      autoFocus={kind === 'revoke'}
      danger={kind === 'revoke'}
      cancelLabel="Cancel"
      pending={command.isPending}
      error={command.error}
      otherFields={['centreId']}
      onConfirm={confirm}
      onCancel={onDone}
    >
      {kind === 'reassign' && (
        <>
          <SelectField
            label="New centre"
            empty="Choose a centre"
            options={options}
            value={centreId}
            onChange={(e) => {
              errors.edited('centreId');
              setCentreProblem(null);
              setCentreId(e.target.value);
            }}
            aria-invalid={centreError ? true : undefined}
            aria-describedby={centreError ? centreErrorId : undefined}
          />
          {centreError && (
            <p className="field-error" id={centreErrorId}>
              {centreError}
            </p>
          )}
        </>
      )}
    </ReasonConfirmForm>
  );
}
