import { useApiQuery } from '../api/hooks.js';
import { EmptyRow } from '../components/EmptyRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SettingRowEditor } from './SettingRowEditor.js';

/** Plain settings by key: desk name, review thresholds, SMS gateway, licence numbering… */
export function GeneralSection() {
  const settings = useApiQuery('settings.list', {});
  return (
    <section aria-labelledby="general-title">
      <h2 id="general-title">General</h2>
      <p className="muted">
        Values marked placeholder are demo values, not published by the Board. Secret values are never shown: type a new one to replace it.
      </p>
      <ErrorAlert error={settings.error} />
      <div className="table-wrap">
        <table aria-label="Settings">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">What it does</th>
              <th scope="col">Value</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {!settings.data?.length && <EmptyRow columns={4} loading={settings.isPending} text="No settings." />}
            {(settings.data ?? []).map((s) => (
              <SettingRowEditor key={s.key} setting={s} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
