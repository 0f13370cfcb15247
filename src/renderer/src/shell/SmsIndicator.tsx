import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { errorMessage } from '../api/ApiError.js';
import { useCanRun } from '../session/useCanRun.js';
import { useAnnounce } from './Announcer.js';
import { plural } from './labels.js';

/** How often the header asks for the queue's health; commands that change it refresh it at once. */
export const SMS_SUMMARY_REFRESH_MS = 10_000;

/**
 * The SMS queue's health at a glance: queued, failed and uncertain counts; whether a gateway is
 * set up; and, when sending has stopped (no balance, refused credentials), why, with Resume
 * sending for those who may.
 */
export function SmsIndicator() {
  const announce = useAnnounce();
  const summary = useApiQuery('sms.summary', {}, { refetchInterval: SMS_SUMMARY_REFRESH_MS });
  const canResume = useCanRun('sms.resume');
  const resume = useApiCommand('sms.resume', ['sms.summary', 'sms.list', 'sms.detail']);
  if (!summary.data) return null;
  const { queued, failed, uncertain, gatewayConfigured, sentByServer, paused } = summary.data;
  const problems = failed + uncertain > 0 || paused !== null;

  function resumeSending() {
    resume.mutate({}, { onSuccess: (r) => announce(r.resumed ? 'SMS sending resumed.' : 'SMS sending was not paused.') });
  }

  return (
    <div className={`sms-indicator${problems ? ' warn' : ''}`} role="group" aria-label="Pending SMS">
      <span>
        SMS: {plural(queued, 'queued', 'queued')}, {plural(failed, 'failed', 'failed')}, {plural(uncertain, 'uncertain', 'uncertain')}
      </span>
      {sentByServer ? (
        <span className="sync-note">Sent by the central service</span>
      ) : (
        !gatewayConfigured && <span className="sms-note">SMS gateway not configured: messages wait in the queue</span>
      )}
      {paused !== null && (
        <div className="sms-paused" role="alert">
          <span>SMS sending is paused: {paused}</span>
          {canResume && (
            <button type="button" onClick={resumeSending} disabled={resume.isPending}>
              Resume sending
            </button>
          )}
          {resume.error && <span className="field-error">{errorMessage(resume.error)}</span>}
        </div>
      )}
    </div>
  );
}
