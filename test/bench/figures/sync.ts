/**
 * Sync figures (QUALITY.md: "desk first sync of the full data set from the server ≤ 60 s;
 * incremental sync of 1,000 ops ≤ 2 s in each direction"): a new desk's first sync of the whole
 * data set, an incremental round bringing the changes of 1,000 ops other desks sent the service,
 * and 1,000 ops made on this desk (signed when made), pushed, verified and applied by the service.
 * The central service runs in this process, over real HTTP on loopback: in a worker thread of its
 * own for the first sync (in the field it is another machine, reading the next page while the desk
 * writes one), on the desk's thread for the incremental figures (their approvals are made on the
 * service's database directly).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticate } from '../../../src/main/auth/sessions.js';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import { openDesk } from '../../../src/main/desk.js';
import { opSignatureVerifies, signOp, type SignedOp } from '../../../src/main/sync/opSignature.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { startCentralServer, type CentralServer } from '../../../src/server/start.js';
import { Worker } from 'node:worker_threads';
import { checkLine, cpuNow, formatMs, infoLine, type Figure } from '../stats.js';

const USER = 'bench.sync';
/** Only an administrator of the service joins a desk. */
const ADMIN = 'bench.admin';
const PASSWORD = 'bench-sync-password';
const INCREMENTAL_OPS = 1_000;

export async function benchSync(dataDir: string, say: (line: string) => void): Promise<Figure[]> {
  const made = openDesk(dataDir);
  try {
    for (const [username, role] of [
      [USER, 'officer'],
      [ADMIN, 'admin'],
    ] as const) {
      const r = await made.dispatch('user.create', { username, fullName: `Bench Sync ${role}`, role, password: PASSWORD }, SYSTEM_ACTOR);
      if (!r.ok && r.error.code !== 'conflict') throw new Error(r.error.message);
    }
    // A partial data set (--scale) may have no fees: the approvals below need one.
    const unpriced = made.sqlite
      .prepare(
        `SELECT DISTINCT a.cadre, a.licence_year AS licenceYear FROM applications a
      WHERE a.state = 'submitted' AND NOT EXISTS (SELECT 1 FROM fees f WHERE f.cadre = a.cadre AND f.licence_year = a.licence_year)`,
      )
      .all() as { cadre: string; licenceYear: number }[];
    for (const fee of unpriced) {
      const set = await made.dispatch('fee.set', { ...fee, amountCents: 300_000 }, SYSTEM_ACTOR);
      if (!set.ok) throw new Error(set.error.message);
    }
  } finally {
    await made.close();
  }
  // The first sync's service runs in a thread of its own, as on a machine of its own: the desk
  // writes one page while the service reads the next. The incremental figures below approve on the
  // service's database directly, so the service then runs here, at the same address.
  const thread = await startServiceThread(dataDir);
  const startMs = thread.startMs;
  const deskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-bench-desk-'));
  const desk = openDesk(deskDir);
  let server: CentralServer | undefined;
  try {
    const joined = await desk.dispatch('sync.join', { serverUrl: thread.url, deskName: 'Bench desk', username: ADMIN, password: PASSWORD }, SYSTEM_ACTOR);
    if (!joined.ok) throw new Error(joined.error.message);
    say('  sync: first sync of a new desk…');
    let c0 = cpuNow();
    let t0 = performance.now();
    const first = await syncRound(desk);
    const firstMs = performance.now() - t0;
    const firstCpuMs = cpuNow() - c0;
    await thread.close();
    server = await startCentralServer({ dataDir, port: Number(new URL(thread.url).port), sendSms: false });
    const count = (d: { sqlite: typeof desk.sqlite }, t: string) => d.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    for (const table of ['applications', 'practitioners', 'invoices', 'payments', 'licences']) {
      if (count(desk, table) !== count(server.desk, table))
        throw new Error(`after the first sync the desk holds ${count(desk, table)} ${table}, the server ${count(server.desk, table)}`);
    }
    say(
      `  sync: first sync ${formatMs(firstMs)} for ${first.received.toLocaleString('en')} rows; desk file ${(fs.statSync(desk.file).size / 1024 / 1024).toFixed(0)} MB`,
    );

    // Signed in on the desk: its op-signing key unwrapped, so each approval below is signed.
    const officer = await authenticate(desk, USER, PASSWORD);
    const submitted = desk.sqlite
      .prepare(
        `SELECT a.id FROM applications a JOIN fees f ON f.cadre = a.cadre AND f.licence_year = a.licence_year
                                           WHERE a.state = 'submitted' ORDER BY a.submitted_at LIMIT ?`,
      )
      .pluck()
      .all(2 * INCREMENTAL_OPS) as string[];
    const approve = async (on: typeof desk, ids: string[]) => {
      for (const applicationId of ids) {
        const r = await on.dispatch('application.approve', { applicationId, reason: 'Bench: checked.' }, officer);
        if (!r.ok) throw new Error(r.error.message);
      }
    };

    // From the server: 1,000 ops other desks sent it since this desk's last round.
    const elsewhere = submitted.slice(0, INCREMENTAL_OPS);
    await approve(server.desk, elsewhere);
    // CPU time of this process (the desk and the service both run here): unlike wall time, it does not grow under other work.
    c0 = cpuNow();
    t0 = performance.now();
    const pulled = await syncRound(desk);
    const pullMs = performance.now() - t0;
    const pullCpuMs = cpuNow() - c0;
    const arrived = desk.sqlite
      .prepare(`SELECT count(*) FROM applications WHERE state = 'approved' AND id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .get(JSON.stringify(elsewhere));
    if (arrived !== elsewhere.length) throw new Error(`after the incremental sync the desk sees ${arrived} of ${elsewhere.length} approvals made elsewhere`);

    // From this desk: 1,000 ops made here, pushed, applied by the service with the same command code, and their rows pulled back.
    const here = submitted.slice(INCREMENTAL_OPS);
    await approve(desk, here);
    const signing = signingCost(desk, officer.signingKey!);
    c0 = cpuNow();
    t0 = performance.now();
    const round = await syncRound(desk);
    const pushMs = performance.now() - t0;
    const pushCpuMs = cpuNow() - c0;
    if (round.applied !== here.length) throw new Error(`the server applied ${round.applied} of ${here.length} ops: ${round.rejected[0]?.reason ?? ''}`);
    const madeHereMs = signing.signMs + pushMs;
    return [
      infoLine('central service start on this data folder (change log filled once)', formatMs(startMs)),
      checkLine(
        'desk first sync of the full data set',
        formatMs(firstMs),
        '≤ 60 s',
        firstMs <= 60_000,
        `${first.received.toLocaleString('en')} rows; CPU ${formatMs(firstCpuMs)} (desk, and the service in a thread of its own)`,
      ),
      checkLine(
        `incremental sync of ${elsewhere.length.toLocaleString('en')} ops from the server`,
        formatMs(pullMs),
        '≤ 2 s',
        pullMs <= 2_000,
        `approvals other desks sent the service; ${pulled.received.toLocaleString('en')} rows pulled; CPU ${formatMs(pullCpuMs)} (desk and service)`,
      ),
      checkLine(
        `incremental sync of ${here.length.toLocaleString('en')} ops made on this desk: signed, pushed, verified and applied by the service`,
        formatMs(madeHereMs),
        '≤ 2 s',
        madeHereMs <= 2_000,
        `signing them ${formatMs(signing.signMs)} when they were made, the round ${formatMs(pushMs)} (CPU ${formatMs(pushCpuMs)}, desk and service; the service verifies and runs each op's command)`,
      ),
      infoLine(
        'op signature (Ed25519), per op',
        `${(((signing.signMs + signing.verifyMs) * 1000) / signing.ops).toFixed(0)} µs`,
        `signing ${((signing.signMs * 1000) / signing.ops).toFixed(0)} µs on the desk, verifying ${((signing.verifyMs * 1000) / signing.ops).toFixed(0)} µs on the service`,
      ),
    ];
  } finally {
    await desk.close();
    await thread.close();
    await server?.close();
    fs.rmSync(deskDir, { recursive: true, force: true });
  }
}

/** The central service on `dataDir` in a worker thread (syncServiceThread.ts); `startMs` as the service measured it. */
async function startServiceThread(dataDir: string): Promise<{ url: string; startMs: number; close(): Promise<void> }> {
  // Workers do not inherit tsx's loader: the thread registers it before it loads the service.
  const entry = new URL('./syncServiceThread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { dataDir, port: 0 } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; startMs: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    void exited.then(() => reject(new Error('the central service thread stopped before it listened')));
  });
  const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  let closing: Promise<void> | undefined;
  const close = async () => {
    worker.postMessage('close');
    await Promise.race([closed, exited]);
    await worker.terminate();
  };
  return { ...ready, close: () => (closing ??= close()) };
}

/** What signing costs the desk and verifying costs the service: the outbox's ops signed and verified again, apart from the rest. */
function signingCost(desk: ReturnType<typeof openDesk>, key: KeyObject): { ops: number; signMs: number; verifyMs: number } {
  const rows = desk.sqlite.prepare('SELECT op_id AS opId, name, input, actor_id AS actorId, at FROM outbox').all() as (Omit<SignedOp, 'input' | 'deskId'> & {
    input: string;
  })[];
  const ops: SignedOp[] = rows.map((r) => ({ ...r, input: JSON.parse(r.input) as unknown, deskId: desk.deskId }));
  let t0 = performance.now();
  const signatures = ops.map((op) => signOp(op, key));
  const signMs = performance.now() - t0;
  const publicKey = createPublicKey(key);
  t0 = performance.now();
  if (!ops.every((op, i) => opSignatureVerifies(op, signatures[i]!, publicKey))) throw new Error('a signature did not verify');
  return { ops: ops.length, signMs, verifyMs: performance.now() - t0 };
}
