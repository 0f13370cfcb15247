import { spawn } from 'node:child_process';
import path from 'node:path';
import { SYNC_PROTOCOL_VERSION } from '../../../src/shared/contract/syncWire.js';
import { actorFromUser, SYSTEM_ACTOR, type Actor, type UserActorRow } from '../../../src/main/core/actor.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { syncRound, type RoundReport } from '../../../src/main/sync/round.js';
import { startCentralServer, type CentralServer } from '../../../src/server/start.js';
import { makeDesk, PASSWORD, seedApplication, tempDir, testSigningKey, type TestDesk } from '../support/tempDesk.js';

/** A central service on a real data folder (one user per role, fees set), over real HTTP on a free port. */
export interface TestServer {
  server: CentralServer;
  dir: string;
  actors: TestDesk['actors'];
  port: number;
  clock?: () => Date;
}

export async function startTestServer(
  seed: (t: TestDesk) => void | Promise<void> = () => {},
  options: { pushBodyLimitBytes?: number; clock?: () => Date } = {},
): Promise<TestServer> {
  const t = await makeDesk();
  await seed(t);
  await t.desk.close();
  const server = await startCentralServer({ dataDir: t.dir, port: 0, sendSms: false, ...options });
  return { server, dir: t.dir, actors: t.actors, port: Number(new URL(server.url).port), clock: options.clock };
}

/** The same data folder served again on the same port (after `server.close()`): the desks' address stays right. */
export async function restart(s: TestServer): Promise<void> {
  s.server = await startCentralServer({ dataDir: s.dir, port: s.port, sendSms: false, clock: s.clock });
}

/** A clock that stands still until the test moves it (the central service's, for token expiry and rotation). */
export function movableClock(start: string): { clock: () => Date; advance(ms: number): void } {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** `kmlttb --data DIR [ARGS] sync` as a child process, its output collected. */
export function kmlttbSync(dir: string, env: Record<string, string> = {}, args: string[] = []) {
  const output: string[] = [];
  const child = spawn(process.execPath, [path.resolve('bin/kmlttb.js'), '--data', dir, ...args, 'sync'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  return { child, exited, output, hasEnded: () => ended };
}

/** A POST of the sync protocol with a desk token, as a desk (or someone holding its token) sends it. */
export async function postSync(url: string, body: Record<string, unknown>, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, ...body }),
  });
  return { status: res.status, body: (await res.json()) as { message?: string; code?: string; token?: string } };
}

/** A fresh desk that joined the server as `username` and pulled everything. */
export async function joinedDesk(s: TestServer, username = 'admin', centreCode?: string): Promise<Desk> {
  const desk = openDesk(tempDir('kmlttb-desk-'));
  const r = await desk.dispatch(
    'sync.join',
    {
      serverUrl: s.server.url,
      deskName: `desk of ${username}`,
      username,
      password: PASSWORD,
      ...(centreCode ? { centreCode } : {}),
    },
    SYSTEM_ACTOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  await syncRound(desk);
  return desk;
}

/**
 * A fresh desk that joined the service at `serverUrl` (the server's own address, or a proxy in
 * front of it) as `username`; it pulls everything at once unless `pull` is false.
 */
export async function joinedDeskAt(
  serverUrl: string,
  username = 'admin',
  options: { centreCode?: string; pull?: boolean; deskName?: string; clock?: () => Date } = {},
): Promise<Desk> {
  const desk = openDesk(tempDir('kmlttb-desk-'), { clock: options.clock });
  const r = await desk.dispatch(
    'sync.join',
    {
      serverUrl,
      deskName: options.deskName ?? `desk of ${username}`,
      username,
      password: PASSWORD,
      ...(options.centreCode ? { centreCode: options.centreCode } : {}),
    },
    SYSTEM_ACTOR,
  );
  if (!r.ok) {
    await desk.close();
    throw new Error(r.error.message);
  }
  if (options.pull !== false) await syncRound(desk);
  return desk;
}

/** A user signed in on this desk (ids come from the server), with their op-signing key unwrapped. */
export function actorOn(desk: Desk, username: string): Actor {
  const row = desk.sqlite.prepare('SELECT id, username, full_name, role, centre_id, op_key_wrapped FROM users WHERE username = ?').get(username) as
    (UserActorRow & { op_key_wrapped: string | null }) | undefined;
  if (!row?.op_key_wrapped) throw new Error(`${username} cannot sign in on this desk`);
  return { ...actorFromUser(row), signingKey: testSigningKey(username, row.op_key_wrapped) };
}

export const sync = (desk: Desk): Promise<RoundReport> => syncRound(desk);

/** A fingerprint of everything a full desk replicates, to compare desks with the server. */
export function snapshot(desk: Desk): Record<string, unknown[]> {
  const q = (sql: string) => desk.sqlite.prepare(sql).all();
  return {
    applications: q('SELECT id, application_ref, state, decided_by, decision_reason, revision FROM applications ORDER BY id'),
    invoices: q('SELECT id, application_id, bill_ref, amount_due_cents, amount_paid_cents, state FROM invoices ORDER BY id'),
    sms: q('SELECT id, event_key, phone, event FROM sms_messages ORDER BY id'),
    licences: q('SELECT id, licence_no, state, centre_id FROM licences ORDER BY id'),
    payments: q('SELECT id, transaction_id, state, invoice_id FROM payments ORDER BY id'),
    users: q('SELECT id, username, active FROM users ORDER BY id'),
  };
}

export { seedApplication };
