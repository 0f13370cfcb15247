import { useApiQuery } from '../api/hooks.js';
import { plural } from './labels.js';

/** Pending SMS at a glance: queued and failed counts, and whether a gateway is set up. */
export function SmsIndicator() {
  const summary = useApiQuery('sms.summary', {}, { refetchInterval: 30_000 });
  if (!summary.data) return null;
  const { queued, failed, uncertain, gatewayConfigured } = summary.data;
  const problems = failed + uncertain;
  return (
    <div className={`sms-indicator${problems > 0 ? ' warn' : ''}`} aria-label="Pending SMS">
      <span>
        SMS: {plural(queued, 'queued', 'queued')}, {plural(failed, 'failed', 'failed')}
        {uncertain > 0 ? `, ${plural(uncertain, 'uncertain', 'uncertain')}` : ''}
      </span>
      {!gatewayConfigured && <span className="sms-note">SMS gateway not configured: messages wait in the queue</span>}
    </div>
  );
}
