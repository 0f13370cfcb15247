import type { SmsSummary } from '../../../shared/contract/sms.js';
import { formatNairobiSince } from '../../../shared/time.js';

/** What the header says of the gateway: `trouble` while it fails (and sending is up to it), `working` or `other` otherwise. */
export type GatewayShown = { kind: 'trouble'; line: string; reason: string | null; key: string } | { kind: 'working' } | { kind: 'other' };

/**
 * The gateway's state as the header shows it, e.g. "SMS gateway unreachable since 13:05 — 30
 * waiting". Only on a desk that sends its own SMS through a configured gateway and is not paused
 * (a paused queue has its own alert, with the reason).
 */
export function gatewayShown(s: SmsSummary): GatewayShown {
  if (s.sentByServer || !s.gatewayConfigured || s.paused !== null) return { kind: 'other' };
  const { state, since, reason } = s.gateway;
  if (state === 'unreachable' || state === 'failing') {
    const waiting = `${s.queued.toLocaleString('en-KE')} waiting`;
    const line = `SMS gateway ${state} since ${formatNairobiSince(since, s.at)} — ${waiting}`;
    return { kind: 'trouble', line, reason, key: `${state}:${since}` };
  }
  return { kind: state === 'ok' ? 'working' : 'other' };
}

/** What to announce when the header's state changes from `before` to `now`; null when nothing worth saying changed. */
export function gatewayNews(before: GatewayShown, now: GatewayShown): string | null {
  if (now.kind === 'trouble') return before.kind === 'trouble' && before.key === now.key ? null : `${now.line}.`;
  if (before.kind === 'trouble' && now.kind === 'working') return 'The SMS gateway works again: waiting messages are being sent.';
  return null;
}
