import { useId, useState, type FormEvent } from 'react';
import type { CommandInput } from '../../../shared/contract/index.js';
import type { LicenceRow } from '../../../shared/contract/licences.js';
import { fieldError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { Modal } from '../components/Modal.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { useAnnounce } from '../shell/Announcer.js';
import { SubmitActions } from '../components/SubmitActions.js';

type Who = 'holder' | 'proxy' | '';
type Problems = Partial<Record<'collector' | 'collectorName' | 'collectorIdNo' | 'note', string>>;

function check(who: Who, name: string, idNo: string, note: string): Problems {
  if (!who) return { collector: 'Choose who collected it' };
  if (who === 'holder') return {};
  const p: Problems = {};
  if (name.trim().length < 3) p.collectorName = "Give the collector's full name";
  if (idNo.trim().length < 4) p.collectorIdNo = "Give the collector's ID number";
  if (note.trim().length < 3) p.note = 'Note how the holder authorised the proxy';
  return p;
}

/** Records who collected a licence at the counter, after the clerk has checked their ID. */
export function CollectForm({ licence, onDone }: { licence: LicenceRow; onDone: () => void }) {
  const id = useId();
  const announce = useAnnounce();
  // Most licences are collected by their holder: Holder is chosen, so Enter confirms it.
  const [who, setWho] = useState<Who>('holder');
  const [name, setName] = useState('');
  const [idNo, setIdNo] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const collect = useApiCommand('licence.collect');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (collect.isPending) return;
    const found = check(who, name, idNo, note);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const input: CommandInput<'licence.collect'> =
      who === 'proxy'
        ? { licenceId: licence.id, collector: 'proxy', collectorName: name.trim(), collectorIdNo: idNo.trim(), note: note.trim() }
        : { licenceId: licence.id, collector: 'holder' };
    collect.mutateAsync(input).then(
      () => {
        announce(`Licence ${licence.licenceNo} collected by ${who === 'proxy' ? `proxy ${name.trim()}` : `the holder, ${licence.holderName}`}.`);
        onDone();
      },
      () => undefined, // shown next to the fields
    );
  }

  const errors = useFieldErrors(collect.error);
  const err = (field: keyof Problems) => problems[field] ?? errors.of(field);
  // Editing a field (or choosing who) takes its message away.
  function edited(field: keyof Problems) {
    errors.edited(field);
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }));
  }
  const shown = ['collector', 'collectorName', 'collectorIdNo', 'note'].some((f) => fieldError(collect.error, f));
  const whoError = err('collector');

  return (
    <Modal title={`Mark collected: ${licence.licenceNo}`} onClose={onDone}>
      <form className="collect-form" onSubmit={submit} noValidate>
        <p id={`${id}-check`}>
          Check the person's ID before you hand the licence over. Holder: <strong>{licence.holderName}</strong>, national ID{' '}
          <strong>{licence.nationalId}</strong>.
        </p>
        <fieldset aria-describedby={whoError ? `${id}-who-error` : `${id}-check`}>
          <legend>Who collected it?</legend>
          {(['holder', 'proxy'] as const).map((kind) => (
            <div className="radio" key={kind}>
              <input
                type="radio"
                id={`${id}-${kind}`}
                name={`${id}-who`}
                value={kind}
                checked={who === kind}
                onChange={() => {
                  edited('collector');
                  setWho(kind);
                }}
              />
              <label htmlFor={`${id}-${kind}`}>{kind === 'holder' ? 'Holder' : 'Proxy'}</label>
            </div>
          ))}
          {whoError && (
            <p className="field-error" id={`${id}-who-error`}>
              {whoError}
            </p>
          )}
        </fieldset>
        {who === 'proxy' && (
          <>
            <Field
              label="Collector name"
              value={name}
              onChange={(e) => {
                edited('collectorName');
                setName(e.target.value);
              }}
              maxLength={120}
              autoComplete="off"
              error={err('collectorName')}
            />
            <Field
              label="Collector ID number"
              value={idNo}
              onChange={(e) => {
                edited('collectorIdNo');
                setIdNo(e.target.value);
              }}
              maxLength={20}
              autoComplete="off"
              error={err('collectorIdNo')}
            />
            <div className="field">
              <label htmlFor={`${id}-note`}>How the holder authorised</label>
              <textarea
                id={`${id}-note`}
                rows={2}
                maxLength={500}
                placeholder="e.g. signed letter of authority with a copy of the holder's ID"
                aria-invalid={err('note') ? true : undefined}
                aria-describedby={err('note') ? `${id}-note-error` : undefined}
                value={note}
                onChange={(e) => {
                  edited('note');
                  setNote(e.target.value);
                }}
              />
              {err('note') && (
                <p className="field-error" id={`${id}-note-error`}>
                  {err('note')}
                </p>
              )}
            </div>
          </>
        )}
        {!shown && <ErrorAlert error={collect.error} />}
        <SubmitActions label="Confirm" disabled={collect.isPending} onCancel={onDone} />
      </form>
    </Modal>
  );
}
