import { useEffect, useState } from 'react';
import type { SettingRow } from '../../../shared/contract/admin.js';
import { errorMessage } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { useAnnounce } from '../shell/Announcer.js';

const MASK = '••••••••';

export function SettingRowEditor({ setting }: { setting: SettingRow }) {
  const announce = useAnnounce();
  const save = useApiCommand('setting.set', ['settings.list', 'sms.summary']);
  // A secret's value never goes into a field: the field holds only a new value to replace it.
  const [value, setValue] = useState(setting.secret ? '' : setting.value);
  useEffect(() => setValue(setting.secret ? '' : setting.value), [setting.secret, setting.value]);
  const changed = setting.secret ? value !== '' : value !== setting.value;

  function submit() {
    save.mutate(
      { key: setting.key, value },
      {
        onSuccess: () => {
          announce(`Setting ${setting.key} saved.`);
          if (setting.secret) setValue('');
        },
      },
    );
  }

  return (
    <tr>
      <td className="mono">
        {setting.key}
        {setting.placeholder && (
          <>
            {' '}
            <span className="badge placeholder">placeholder</span>
          </>
        )}
      </td>
      <td>{setting.description}</td>
      <td>
        {setting.secret && <span className="muted">{setting.value ? `Set (${MASK})` : 'Not set'} </span>}
        <input
          aria-label={setting.secret ? `New value for ${setting.key}` : `Value of ${setting.key}`}
          type={setting.secret ? 'password' : 'text'}
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && changed) submit();
          }}
        />
        {save.error && (
          <p className="field-error" role="alert">
            {errorMessage(save.error)}
          </p>
        )}
      </td>
      <td>
        <button type="button" aria-label={`Save ${setting.key}`} disabled={!changed || save.isPending} onClick={submit}>
          Save
        </button>
      </td>
    </tr>
  );
}
