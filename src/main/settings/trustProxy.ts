import { isIP } from 'node:net';

/**
 * The setting `server.trustProxy`: whom the central service believes about a client's address
 * (X-Forwarded-For) when it runs behind a reverse proxy, in the forms fastify's `trustProxy`
 * takes: nobody (empty or `false`), every hop (`true`), a number of hops, or the proxies'
 * addresses and networks (`127.0.0.1`, `10.0.0.0/8`, `loopback`), separated by commas.
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(value: string): { ok: true; value: TrustProxy } | { ok: false; problem: string } {
  const v = value.trim();
  if (v === '' || v === 'false') return { ok: true, value: false };
  if (v === 'true') return { ok: true, value: true };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? { ok: true, value: hops } : { ok: false, problem: 'must count 1 to 10 proxies' };
  }
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isAddressOrNetwork(e));
  if (bad !== undefined) {
    return { ok: false, problem: `must be empty, true, a number of proxies, or their addresses separated by commas ('${bad}' is none of these)` };
  }
  return { ok: true, value: entries };
}

/** For the settings table: why the value cannot be used, or null. */
export function trustProxyProblem(value: string): string | null {
  const parsed = parseTrustProxy(value);
  return parsed.ok ? null : parsed.problem;
}

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
