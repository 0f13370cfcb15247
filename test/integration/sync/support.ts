import { spawn } from 'node:child_process';
import path from 'node:path';
import { SYNC_PROTOCOL_VERSION } from '../../../src/shared/contract/syncWire.js';
import { actorFromUser, SYSTEM_ACTOR, type Actor, type UserActorRow } from '../../../src/main/core/actor.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { syncRound, type RoundReport } from '../../../src/main/sync/round.js';
import { CENTRE_REDACTED, CENTRE_SCOPE, CREDENTIAL_COLUMNS, LOCAL_COLUMNS, SIGNS_IN_ON_ANY_CENTRE_DESK, SYNCED_TABLES } from '../../../src/main/sync/tables.js';
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

type SqliteHolder = Pick<Desk, 'sqlite'>;
const columnsOf = (d: SqliteHolder, table: string) => d.sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
const literal = (v: unknown) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);

/**
 * Every synced table (sync/tables.ts), every column a desk is sent, each row as `SELECT` reads
 * it, in key order: what a desk serving every centre holds, read on that desk or on the service.
 * A user who does not sign in on such a desk is held without credentials (as the service sends them).
 */
export function snapshot(desk: SqliteHolder): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of SYNCED_TABLES) {
    const columns = columnsOf(desk, table.name)
      .filter((c) => !LOCAL_COLUMNS[table.name]?.includes(c))
      .map((c) =>
        table.name === 'users' && c in CREDENTIAL_COLUMNS
          ? `CASE WHEN ${SIGNS_IN_ON_ANY_CENTRE_DESK} THEN t.${c} ELSE ${literal(CREDENTIAL_COLUMNS[c])} END AS ${c}`
          : `t.${c}`,
      );
    out[table.name] = desk.sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table.name} t ORDER BY ${table.pk.map((c) => `t.${c}`).join(', ')}`).all();
  }
  return out;
}

/**
 * What a desk serving one collection centre holds (sync/tables.ts: CENTRE_SCOPE, with the
 * columns CENTRE_REDACTED blanked), read on the service (`side: 'service'`: the rows in the
 * centre's scope) or on the centre's desk (every row it holds, so a row it should not have shows).
 */
export function centreSnapshot(desk: SqliteHolder, centreId: string, side: 'service' | 'desk'): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of SYNCED_TABLES) {
    const scope = CENTRE_SCOPE[table.name];
    if (!scope) continue;
    const redacted = CENTRE_REDACTED[table.name] ?? {};
    const columns = columnsOf(desk, table.name)
      .filter((c) => !LOCAL_COLUMNS[table.name]?.includes(c))
      .map((c) => (c in redacted ? `${literal(redacted[c])} AS ${c}` : `t.${c}`));
    const where = side === 'service' ? scope : '1';
    out[table.name] = desk.sqlite
      .prepare(`SELECT ${columns.join(', ')} FROM ${table.name} t WHERE ${where} ORDER BY ${table.pk.map((c) => `t.${c}`).join(', ')}`)
      .all(where.includes('@centre') ? { centre: centreId } : {});
  }
  return out;
}

export { seedApplication };
