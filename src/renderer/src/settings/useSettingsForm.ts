import { useEffect, useMemo, useState } from 'react';
import type { SettingRow } from '../../../shared/contract/admin.js';
import { useApiCommand } from '../api/hooks.js';
import { useAnnounce } from '../shell/Announcer.js';

/** What a field starts with: a setting's value, never a secret's (its field holds only a replacement). */
function startValues(rows: readonly SettingRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.key, r.secret ? '' : r.value]));
}

/**
 * A group of settings edited together and saved with one Save (`settings.save`: all of them or
 * none). Only changed values are sent; a secret counts as changed when a new value is typed.
 */
export function useSettingsForm(rows: readonly SettingRow[], title: string) {
  const announce = useAnnounce();
  const save = useApiCommand('settings.save');
  // The stored values, as text: a new answer with the same values keeps what is being typed.
  const stored = rows.map((r) => `${r.key}=${r.value}`).join('\n');
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- keyed on the stored values (see above), not on the rows' identity
  const start = useMemo(() => startValues(rows), [stored]);
  const [values, setValues] = useState(start);
  /** Counts saves: fields that should start afresh after one (a secret's replacement) are keyed on it. */
  const [saved, setSaved] = useState(0);
  useEffect(() => setValues(start), [start]);

  const changed = rows.filter((r) => (r.secret ? (values[r.key] ?? '') !== '' : (values[r.key] ?? '') !== r.value));
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const setMany = (next: Record<string, string>) => setValues((v) => ({ ...v, ...next }));

  function submit() {
    if (changed.length === 0) return;
    save.mutate(
      { values: changed.map((r) => ({ key: r.key, value: values[r.key] ?? '' })) },
      {
        onSuccess: () => {
          announce(`${title} settings saved.`);
          setValues((v) => ({ ...v, ...Object.fromEntries(rows.filter((r) => r.secret).map((r) => [r.key, ''])) }));
          setSaved((n) => n + 1);
        },
      },
    );
  }

  return { values, set, setMany, changed, submit, saved, error: save.error, saving: save.isPending };
}

export type SettingsForm = ReturnType<typeof useSettingsForm>;
