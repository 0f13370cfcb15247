import { describe, expect, it } from 'vitest';
import type { SmsSummary } from '../../../../src/shared/contract/sms.js';
import { gatewayNews, gatewayShown } from '../../../../src/renderer/src/shell/gatewayHealth.js';

const AT = '2026-11-28T10:30:00.000Z';
function summary(gateway: Partial<SmsSummary['gateway']>, extra: Partial<SmsSummary> = {}): SmsSummary {
  return {
    queued: 30,
    failed: 0,
    uncertain: 0,
    gatewayConfigured: true,
    sentByServer: false,
    paused: null,
    at: AT,
    gateway: { state: 'ok', since: null, reason: null, lastSuccessAt: '2026-11-28T09:00:00.000Z', ...gateway },
    ...extra,
  };
}
const unreachable = summary({ state: 'unreachable', since: '2026-11-28T10:05:00.000Z', reason: 'Could not reach the gateway (ENOTFOUND)' });

describe('what the header says of the SMS gateway', () => {
  it('says since when it cannot be reached, in Nairobi time, and how many messages wait', () => {
    expect(gatewayShown(unreachable)).toMatchObject({
      kind: 'trouble',
      line: 'SMS gateway unreachable since 13:05 — 30 waiting',
      reason: 'Could not reach the gateway (ENOTFOUND)',
    });
    expect(gatewayShown(summary({ state: 'failing', since: '2026-11-27T10:05:00.000Z', reason: 'Gateway error HTTP 500' }, { queued: 1 }))).toMatchObject({
      line: 'SMS gateway failing since 27 Nov 2026, 13:05 — 1 waiting',
    });
  });

  it('says nothing of it where it does not decide whether messages go: syncing, not configured, or paused', () => {
    expect(gatewayShown({ ...unreachable, sentByServer: true }).kind).toBe('other');
    expect(gatewayShown({ ...unreachable, gatewayConfigured: false }).kind).toBe('other');
    expect(gatewayShown({ ...unreachable, paused: 'InsufficientBalance (405)' }).kind).toBe('other');
  });

  it('announces a gateway that fails, and one that works again, but not the same trouble twice nor a first look', () => {
    const trouble = gatewayShown(unreachable);
    const working = gatewayShown(summary({}));
    expect(gatewayNews(working, trouble)).toBe('SMS gateway unreachable since 13:05 — 30 waiting.');
    expect(gatewayNews(trouble, gatewayShown({ ...unreachable, queued: 31 }))).toBeNull();
    expect(gatewayNews(trouble, working)).toBe('The SMS gateway works again: waiting messages are being sent.');
    expect(gatewayNews(working, working)).toBeNull();
    expect(gatewayNews(gatewayShown({ ...unreachable, paused: 'x' }), working)).toBeNull();
  });
});
