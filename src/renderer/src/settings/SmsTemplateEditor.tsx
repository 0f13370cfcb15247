import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SmsTemplateRow } from '../../../shared/contract/sms.js';
import { renderSms, SMS_PLACEHOLDERS, unknownPlaceholders, type SmsPlaceholder } from '../../../shared/smsTemplate.js';
import { fieldError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { PLACEHOLDER_INFO, SAMPLE_VALUES } from '../../../shared/smsPlaceholders.js';
import { SmsLengthInfo } from './SmsLengthInfo.js';

interface Props {
  template: Pick<SmsTemplateRow, 'event' | 'language' | 'body'>;
  /** "Approved (English)": names the text field. */
  label: string;
  onClose: () => void;
}

/** Edits one template: placeholders to insert, a live preview with sample values, and its length. */
export function SmsTemplateEditor({ template, label, onClose }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  const [body, setBody] = useState(template.body);
  const save = useApiCommand('smsTemplate.set');

  const unknown = unknownPlaceholders(body);
  const preview = renderSms(body, SAMPLE_VALUES);
  const unknownText = unknown.length
    ? `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{${p}}`).join(', ')}: use only the placeholders listed. The template cannot be saved until this is fixed.`
    : null;
  const bodyError = unknownText ?? fieldError(save.error, 'body');
  const otherError = save.error && !fieldError(save.error, 'body') ? save.error : null;

  useEffect(() => {
    textarea.current?.focus();
    textarea.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  // After inserting a placeholder, the caret goes just after it.
  useEffect(() => {
    if (caret.current === null || !textarea.current) return;
    textarea.current.focus();
    textarea.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [body]);

  function insert(name: SmsPlaceholder) {
    const el = textarea.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    const token = `{${name}}`;
    caret.current = start + token.length;
    setBody(body.slice(0, start) + token + body.slice(end));
    save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (unknown.length || save.isPending) return;
    save.mutate(
      { event: template.event, language: template.language, body },
      {
        onSuccess: (row) => {
          announce(`SMS template ${label} saved: ${row.units} characters, ${row.parts} SMS part${row.parts === 1 ? '' : 's'} (${row.encoding}).`);
          onClose();
        },
      },
    );
  }

  const lengthId = `${id}-length`;
  const errorId = `${id}-error`;
  const changed = body !== template.body;
  return (
    <form className="card inline-form template-editor" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>Edit the SMS template {label}</h3>
      <div className="template-columns">
        <div>
          <div className="field">
            <label htmlFor={`${id}-body`}>{label}</label>
            <textarea
              id={`${id}-body`}
              ref={textarea}
              rows={5}
              maxLength={1000}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={[lengthId, bodyError ? errorId : ''].filter(Boolean).join(' ')}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                if (save.error) save.reset();
              }}
            />
            {bodyError && (
              <p className="field-error" id={errorId}>
                {bodyError}
              </p>
            )}
          </div>
          <div className="placeholders" role="group" aria-label="Placeholders">
            <p className="hint">Placeholders: click one to insert it at the cursor.</p>
            <ul>
              {SMS_PLACEHOLDERS.map((p) => (
                <li key={p}>
                  <button type="button" className="placeholder-chip" onClick={() => insert(p)} aria-label={`Insert {${p}}: ${PLACEHOLDER_INFO[p].meaning}`}>
                    {`{${p}}`}
                  </button>{' '}
                  <span className="muted">{PLACEHOLDER_INFO[p].meaning}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <section className="sms-preview" aria-label="Template preview">
          <h4>Preview with sample values</h4>
          <blockquote className="sms-text">{preview || ' '}</blockquote>
          <SmsLengthInfo text={preview} id={lengthId} />
          <p className="hint">Real messages vary: a long reason or name makes them longer.</p>
        </section>
      </div>
      <ErrorAlert error={otherError} />
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={unknown.length > 0 || !changed || save.isPending}
          aria-describedby={unknownText ? errorId : undefined}
        >
          Save template
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
        {unknownText && <span className="field-error">Fix the unknown placeholder to save.</span>}
      </div>
    </form>
  );
}
