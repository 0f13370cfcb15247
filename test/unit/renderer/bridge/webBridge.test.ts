import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebBridge } from '../../../../src/renderer/src/bridge/webBridge.js';

afterEach(() => vi.unstubAllGlobals());

describe('the browser bridge', () => {
  it('cannot open the logs folder from a page: it answers where the folder is, from Help, About', async () => {
    const about = { productName: 'KMLTTB Licensing Desk', version: '9.9.9', dataDir: '/srv/desk', logsDir: '/srv/desk/logs' };
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: about }), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    expect(await createWebBridge().openLogsFolder()).toEqual({ ok: true, value: { opened: false, path: '/srv/desk/logs' } });
    expect(fetch).toHaveBeenCalledWith('/api/query/desk.about', expect.objectContaining({ method: 'POST' }));
  });

  it('passes on the refusal when nobody is signed in', async () => {
    const refusal = { ok: false, error: { code: 'not_signed_in', message: 'Sign in first.' } };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(refusal), { status: 401 })),
    );
    expect(await createWebBridge().openLogsFolder()).toEqual(refusal);
  });
});
