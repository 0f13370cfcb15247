import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { LicenceDetail } from '../../../shared/contract/licences.js';
import { fieldError } from '../api/ApiError.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { SelectField } from '../components/SelectField.js';
import { useAnnounce } from '../shell/Announcer.js';

export type LicenceAction = 'reassign' | 'revoke';

/** Reassign to another centre (before dispatch) or revoke: a reason kept in the history, then Confirm. */
export function LicenceActionForm({ licence, kind, onDone }: { licence: LicenceDetail; kind: LicenceAction; onDone: () => void }) {
  const id = useId();
  const announce = useAnnounce();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [centreId, setCentreId] = useState('');
  const [problem, setProblem] = useState<{ field: 'centreId' | 'reason'; message: string } | null>(null);
  const centres = useApiQuery('centres.list', {}, { enabled: kind === 'reassign' });
  const reassign = useApiCommand('licence.reassign');
  const revoke = useApiCommand('licence.revoke');
  const command = kind === 'reassign' ? reassign : revoke;
  const errors = useFieldErrors(command.error);
  // Editing a field takes its message away, the one found here and the desk's.
  function edited(field: 'reason' | 'centreId') {
    errors.edited(field);
    if (problem?.field === field) setProblem(null);
  }

  useEffect(() => {
    if (kind === 'revoke') textarea.current?.focus();
  }, [kind]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (command.isPending) return;
    const text = reason.trim();
    const local = kind === 'reassign' && !centreId ? { field: 'centreId' as const, message: 'Choose the new centre' }
      : text.length < 3 ? { field: 'reason' as const, message: 'Give a reason of at least 3 characters' } : null;
    setProblem(local);
    if (local) return;
    const done = kind === 'reassign' ? reassign.mutateAsync({ licenceId: licence.id, centreId, reason: text }) : revoke.mutateAsync({ licenceId: licence.id, reason: text });
    done.then(
      (row) => {
        announce(kind === 'reassign' ? `Licence ${row.licenceNo} reassigned to ${row.centreName}.` : `Licence ${row.licenceNo} revoked.`);
        onDone();
      },
      () => undefined, // shown below
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  }

  const reasonError = (problem?.field === 'reason' ? problem.message : undefined) ?? errors.of('reason');
  const centreError = (problem?.field === 'centreId' ? problem.message : undefined) ?? errors.of('centreId');
  const fieldErrorShown = Boolean(fieldError(command.error, 'reason') ?? fieldError(command.error, 'centreId'));
  const otherError = command.error && !fieldErrorShown ? command.error : null;
  const options = (centres.data ?? []).filter((c) => c.active && c.id !== licence.centreId).map((c) => ({ value: c.id, label: c.name }));

  return (
    <form className={`decision licence-${kind}`} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>
        {kind === 'reassign' ? 'Reassign' : 'Revoke'} {licence.licenceNo}
      </h3>
      {kind === 'revoke' && <p className="warn">A revoked licence no longer verifies as valid. This cannot be undone.</p>}
      {kind === 'reassign' && (
        <>
          <SelectField label="New centre" empty="Choose a centre" options={options} value={centreId} onChange={(e) => {
            edited('centreId');
            setCentreId(e.target.value);
          }} aria-invalid={centreError ? true : undefined} aria-describedby={centreError ? `${id}-centre-error` : undefined} />
          {centreError && (
            <p className="field-error" id={`${id}-centre-error`}>
              {centreError}
            </p>
          )}
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          ref={textarea}
          rows={2}
          maxLength={1000}
          required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-error` : undefined}
          value={reason}
          onChange={(e) => {
            edited('reason');
            setReason(e.target.value);
          }}
        />
        {reasonError && (
          <p className="field-error" id={`${id}-error`}>
            {reasonError}
          </p>
        )}
      </div>
      <ErrorAlert error={otherError} />
      <div className="actions">
        <button type="submit" className={kind === 'revoke' ? 'danger' : 'primary'} disabled={command.isPending}>
          Confirm
        </button>
        <button type="button" onClick={onDone} title="Back (Escape)">
          Cancel
        </button>
      </div>
    </form>
  );
}
