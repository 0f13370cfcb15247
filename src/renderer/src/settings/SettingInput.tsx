import { useId, useState } from 'react';
import type { SettingRow } from '../../../shared/contract/admin.js';
import { fieldError } from '../api/ApiError.js';
import { FieldError } from '../components/Field.js';
import { SMS_LANGUAGE_LABEL } from '../sms/labels.js';
import type { SettingsForm } from './useSettingsForm.js';

/** Settings that take one of a few values: a choice, not free text. */
const CHOICES: Record<string, { value: string; label: string }[]> = {
  'sms.defaultLanguage': Object.entries(SMS_LANGUAGE_LABEL).map(([value, label]) => ({ value, label })),
};

interface Props {
  setting: SettingRow;
  form: SettingsForm;
  /** Greyed out with this reason (e.g. the sandbox sets it). */
  lockedBy?: string;
}

/**
 * One setting in a group's form: labelled for people, its description as the hint, the key
 * (`kmlttb config`) beside it, a placeholder badge, and a note when the environment overrides it.
 * A secret is never shown: it says Set or Not set, and takes a new value to replace it.
 */
export function SettingInput({ setting, form, lockedBy }: Props) {
  const id = useId();
  const [replacing, setReplacing] = useState(false);
  const error = fieldError(form.error, setting.key);
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const value = form.values[setting.key] ?? '';
  const fromEnvironment = setting.environment !== null;
  const choices = CHOICES[setting.key];
  const isSet = setting.secret && setting.value !== '';

  const hint = (
    <p className="hint" id={hintId}>
      {setting.description} <span className="mono setting-key">{setting.key}</span>
      {setting.placeholder && (
        <>
          {' '}
          <span className="badge placeholder">placeholder</span>
        </>
      )}
      {fromEnvironment && <span className="setting-env"> Given by {setting.environment} in the environment: that value is used while it is set.</span>}
      {lockedBy && <span className="setting-env"> {lockedBy}</span>}
    </p>
  );

  if (setting.secret) {
    const open = replacing || !isSet;
    return (
      <div className="field setting-field">
        {isSet && (
          <span className="setting-label" id={`${id}-status`}>
            {setting.label}: <strong>Set</strong>
          </span>
        )}
        {open ? (
          <>
            <label htmlFor={id}>{isSet ? `New ${setting.label}` : `${setting.label} (not set)`}</label>
            <input
              id={id}
              type="password"
              autoComplete="off"
              value={value}
              disabled={fromEnvironment}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => form.set(setting.key, e.target.value)}
            />
            {isSet && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setReplacing(false);
                  form.set(setting.key, '');
                }}
              >
                Keep the current {setting.label}
              </button>
            )}
          </>
        ) : (
          <button type="button" onClick={() => setReplacing(true)} disabled={fromEnvironment} aria-describedby={`${id}-status`}>
            Replace {setting.label}
          </button>
        )}
        {hint}
        <FieldError id={errorId} error={error} />
      </div>
    );
  }

  const common = {
    id,
    value,
    disabled: fromEnvironment || lockedBy !== undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  return (
    <div className="field setting-field">
      <label htmlFor={id}>{setting.label}</label>
      {choices ? (
        <select {...common} onChange={(e) => form.set(setting.key, e.target.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type="text" autoComplete="off" onChange={(e) => form.set(setting.key, e.target.value)} />
      )}
      {hint}
      <FieldError id={errorId} error={error} />
    </div>
  );
}
