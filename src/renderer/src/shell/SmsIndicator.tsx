import { useEffect, useRef } from 'react';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { errorMessage } from '../api/ApiError.js';
import { useCanRun } from '../session/useCanRun.js';
import { useAnnounce } from './Announcer.js';
import { gatewayNews, gatewayShown, type GatewayShown } from './gatewayHealth.js';
import { plural } from './labels.js';
import './smsIndicator.css';

/**
 * The SMS queue's health at a glance: queued, failed and uncertain counts; whether a gateway is
 * set up; while it cannot be reached or fails, since when and how many messages wait (changes
 * announced in the status region); and, when sending has stopped (no balance, refused
 * credentials), why, with Resume sending for those who may.
 */
export function SmsIndicator() {
  const announce = useAnnounce();
  const summary = useApiQuery('sms.summary', {});
  const canResume = useCanRun('sms.resume');
  const resume = useApiCommand('sms.resume');
  const gateway = summary.data ? gatewayShown(summary.data) : null;
  const shownBefore = useRef<GatewayShown | null>(null);
  useEffect(() => {
    if (!gateway) return;
    const before = shownBefore.current;
    shownBefore.current = gateway;
    // The first answer is what the header shows on arrival; only later changes are news.
    const news = before && gatewayNews(before, gateway);
    if (news) announce(news);
  }, [gateway, announce]);

  if (!summary.data) return null;
  const { queued, failed, uncertain, gatewayConfigured, sentByServer, paused } = summary.data;
  const problems = failed + uncertain > 0 || paused !== null || gateway?.kind === 'trouble';

  function resumeSending() {
    resume.mutate({}, { onSuccess: (r) => announce(r.resumed ? 'SMS sending resumed.' : 'SMS sending was not paused.') });
  }

  return (
    <div className={`sms-indicator${problems ? ' warn' : ''}`} role="group" aria-label="Pending SMS">
      {gateway?.kind === 'trouble' && (
        <>
          <strong className="sms-gateway-trouble">{gateway.line}</strong>
          {gateway.reason && <span className="sms-note">{gateway.reason}</span>}
        </>
      )}
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
