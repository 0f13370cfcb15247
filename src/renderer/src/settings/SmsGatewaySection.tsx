import { useState } from 'react';
import type { SettingRow } from '../../../shared/contract/admin.js';
import { SETTING_GROUP_TEXT } from '../../../shared/settingGroups.js';
import { AT_LIVE_URL, AT_SANDBOX_URL, AT_SANDBOX_USERNAME } from '../../../shared/smsGateway.js';
import { formatNairobi } from '../../../shared/time.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { gatewayShown } from '../shell/gatewayHealth.js';
import { SettingInput } from './SettingInput.js';
import { SettingsGroupForm } from './SettingsGroupForm.js';
import { TestSmsForm } from './TestSmsForm.js';
import { useSettingsForm } from './useSettingsForm.js';
import './settings.css';

/** The order of the form: where to send, as whom, then how. */
const ORDER = ['sms.baseUrl', 'sms.username', 'sms.apiKey', 'sms.senderId', 'sms.requestTimeoutSeconds', 'sms.defaultLanguage'];

/** How the gateway is doing, in a sentence (the header says it too while it fails). */
function GatewayStatus() {
  const summary = useApiQuery('sms.summary', {});
  const s = summary.data;
  if (!s) return null;
  if (s.sentByServer) return <p className="warn">This desk syncs: the central service sends the SMS, with its own gateway settings.</p>;
  const shown = gatewayShown(s);
  if (shown.kind === 'trouble')
    return (
      <p className="warn">
        {shown.line}
        {shown.reason ? `: ${shown.reason}` : ''}
      </p>
    );
  if (!s.gatewayConfigured) return <p className="warn">Not configured: messages wait in the queue until the username and API key are set.</p>;
  return (
    <p className="muted">
      {s.gateway.lastSuccessAt
        ? `The gateway last took a message on ${formatNairobi(s.gateway.lastSuccessAt)}.`
        : 'No message has gone through the gateway yet.'}
    </p>
  );
}

function GatewayForm({ rows }: { rows: SettingRow[] }) {
  const { title, description } = SETTING_GROUP_TEXT.sms;
  const ordered = ORDER.map((key) => rows.find((r) => r.key === key)).filter((r): r is SettingRow => r !== undefined);
  const form = useSettingsForm(ordered, title);
  const sandbox = form.values['sms.baseUrl'] === AT_SANDBOX_URL;
  const [liveUsername, setLiveUsername] = useState('');
  const fromEnvironment = ordered.some((r) => (r.key === 'sms.baseUrl' || r.key === 'sms.username') && r.environment !== null);

  function switchSandbox(on: boolean) {
    if (on) {
      const username = form.values['sms.username'] ?? '';
      setLiveUsername(username === AT_SANDBOX_USERNAME ? '' : username);
      form.setMany({ 'sms.baseUrl': AT_SANDBOX_URL, 'sms.username': AT_SANDBOX_USERNAME });
    } else {
      form.setMany({ 'sms.baseUrl': AT_LIVE_URL, 'sms.username': liveUsername });
    }
  }

  return (
    <>
      <SettingsGroupForm id="settings-sms" title={title} description={description} rows={ordered} form={form}>
        <div className="field checkbox">
          <input
            id="sms-sandbox"
            type="checkbox"
            checked={sandbox}
            disabled={fromEnvironment}
            onChange={(e) => switchSandbox(e.target.checked)}
            aria-describedby="sms-sandbox-hint"
          />
          <label htmlFor="sms-sandbox">Use the Africa&apos;s Talking sandbox</label>
        </div>
        <p className="hint" id="sms-sandbox-hint">
          The sandbox ({AT_SANDBOX_URL}, username {AT_SANDBOX_USERNAME}) sends to Africa&apos;s Talking&apos;s simulator, not to phones; it takes the sandbox
          app&apos;s API key.
        </p>
        {ordered.map((r) => (
          <SettingInput
            key={`${r.key}:${form.saved}`}
            setting={r}
            form={form}
            lockedBy={sandbox && (r.key === 'sms.baseUrl' || r.key === 'sms.username') ? 'Set by the sandbox switch.' : undefined}
          />
        ))}
      </SettingsGroupForm>
      <TestSmsForm unsaved={form.changed.length > 0} />
    </>
  );
}

/** The SMS gateway (Africa's Talking): its settings, saved together, and a test SMS. */
export function SmsGatewaySection() {
  const settings = useApiQuery('settings.list', {});
  const rows = (settings.data ?? []).filter((r) => r.group === 'sms');
  return (
    <section aria-labelledby="sms-gateway-title">
      <h2 id="sms-gateway-title">SMS gateway</h2>
      <GatewayStatus />
      <ErrorAlert error={settings.error} />
      {settings.isPending && <p className="muted">Loading…</p>}
      {rows.length > 0 && <GatewayForm rows={rows} />}
    </section>
  );
}
