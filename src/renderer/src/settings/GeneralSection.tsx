import type { SettingRow } from '../../../shared/contract/admin.js';
import { SETTING_GROUPS, SETTING_GROUP_TEXT, type SettingGroup } from '../../../shared/settingGroups.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LogsSection } from './LogsSection.js';
import { SettingInput } from './SettingInput.js';
import { SettingsGroupForm } from './SettingsGroupForm.js';
import { useSettingsForm } from './useSettingsForm.js';
import './settings.css';

/** The SMS gateway's settings have a section of their own, with its test SMS. */
const HERE: readonly SettingGroup[] = SETTING_GROUPS.filter((g) => g !== 'sms');

function Group({ group, rows }: { group: SettingGroup; rows: SettingRow[] }) {
  const { title, description } = SETTING_GROUP_TEXT[group];
  const form = useSettingsForm(rows, title);
  return (
    <SettingsGroupForm id={`settings-${group}`} title={title} description={description} rows={rows} form={form}>
      {rows.map((r) => (
        <SettingInput key={`${r.key}:${form.saved}`} setting={r} form={form} />
      ))}
    </SettingsGroupForm>
  );
}

/** The desk's settings in groups named for what they change, each saved with its own Save. */
export function GeneralSection() {
  const settings = useApiQuery('settings.list', {});
  const rows = settings.data ?? [];
  return (
    <section aria-labelledby="general-title">
      <h2 id="general-title">General</h2>
      <p className="muted">
        Values marked placeholder are demo values, not published by the Board. Secret values are never shown: replace one by typing a new value. Each
        setting&apos;s key is what <span className="mono">kmlttb config</span> takes.
      </p>
      <ErrorAlert error={settings.error} />
      {settings.isPending && <p className="muted">Loading…</p>}
      {HERE.map((group) => {
        const inGroup = rows.filter((r) => r.group === group);
        return inGroup.length > 0 && <Group key={group} group={group} rows={inGroup} />;
      })}
      <LogsSection />
    </section>
  );
}
