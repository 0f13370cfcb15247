import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { appendAudit, eventHash, verifyAuditChain } from '../../src/main/core/audit.js';
import { verifyAuditChainParallel } from '../../src/main/core/auditVerify.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';

/**
 * The audit chain verified on worker threads gives the single-threaded walk's answer: the first
 * bad event in seq order, with the same problem and count, wherever the damage lies among the
 * workers' ranges. Ranges of 500 events over two workers: events 1–500 go to the first, 501–1000
 * to the second, and so on as each asks for more.
 */
const EVENTS = 3000;
const PARALLEL = { minEvents: 0, workers: 2, rangeSize: 500, fallback: false };

let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk();
  const at = t.desk.clock().toISOString();
  t.desk.sqlite.transaction(() => {
    const already = t.desk.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    for (let i = already; i < EVENTS; i++) {
      appendAudit(
        t.desk.write,
        {
          action: 'test.event',
          entity: 'test',
          entityId: `e${i}`,
          summary: i % 7 === 0 ? `Wanjirũ Ñandú "quoted" \\ back\nslash\t😀 ${i}` : `event number ${i}`,
          before: i % 3 === 0 ? { n: i, s: 'a"b' } : undefined,
          after: i % 5 === 0 ? { n: i + 1, list: [1, 2, 3], text: '\u2028\u0001' } : undefined,
        },
        { actor: SYSTEM_ACTOR, deskId: t.desk.deskId, at },
      );
    }
  })();
});
afterEach(async () => {
  await t.desk.close();
});

const both = async () => {
  const single = verifyAuditChain(t.desk.sqlite);
  const parallel = await verifyAuditChainParallel(t.desk.sqlite, PARALLEL);
  expect(parallel).toEqual(single);
  return parallel;
};

describe('audit chain verify on worker threads', () => {
  it('finds an intact chain intact, every event checked', async () => {
    expect(await both()).toEqual({ ok: true, checked: EVENTS });
    // The default options, on a chain long enough only when told so.
    expect(await verifyAuditChainParallel(t.desk.sqlite, { minEvents: 1000 })).toEqual({ ok: true, checked: EVENTS });
  });

  it("names an edited event in the second worker's range", async () => {
    t.desk.sqlite.prepare("UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 777").run();
    expect(await both()).toEqual({
      ok: false,
      checked: 776,
      firstBad: { seq: 777, problem: 'event 777 was changed after it was written' },
    });
  });

  it('names the first of two damaged events, whichever worker finds which first', async () => {
    t.desk.sqlite.prepare("UPDATE audit_events SET actor_name = 'someone' WHERE seq = 2900").run();
    t.desk.sqlite.prepare('UPDATE audit_events SET after = \'{"n":0}\' WHERE seq = 1234').run();
    t.desk.sqlite.prepare('DELETE FROM audit_events WHERE seq = 2000').run();
    expect(await both()).toMatchObject({ ok: false, checked: 1233, firstBad: { seq: 1234, problem: 'event 1234 was changed after it was written' } });
  });

  it('names a deleted event at the end or the start of a range', async () => {
    t.desk.sqlite.prepare('DELETE FROM audit_events WHERE seq IN (1500, 1501)').run();
    expect(await both()).toEqual({ ok: false, checked: 1499, firstBad: { seq: 1500, problem: 'event 1500 is missing (deleted?)' } });
  });

  it('names a deleted first event of a range', async () => {
    t.desk.sqlite.prepare('DELETE FROM audit_events WHERE seq = 501').run();
    expect(await both()).toEqual({ ok: false, checked: 500, firstBad: { seq: 501, problem: 'event 501 is missing (deleted?)' } });
  });

  it('names the event after one rewritten with a fresh, valid hash at a range boundary', async () => {
    const e = t.desk.sqlite.prepare('SELECT * FROM audit_events WHERE seq = 1000').get() as Parameters<typeof eventHash>[0] & { hash: string };
    const edited = { ...e, summary: 'edited' };
    t.desk.sqlite.prepare('UPDATE audit_events SET summary = ?, hash = ? WHERE seq = 1000').run(edited.summary, eventHash(edited));
    expect(await both()).toEqual({
      ok: false,
      checked: 1000,
      firstBad: { seq: 1001, problem: 'event 1001 does not follow the event before it' },
    });
  });

  it('names the first event when it is the one changed', async () => {
    t.desk.sqlite.prepare("UPDATE audit_events SET prev_hash = 'f00d' WHERE seq = 1").run();
    expect(await both()).toEqual({ ok: false, checked: 0, firstBad: { seq: 1, problem: 'event 1 does not follow the event before it' } });
  });

  it("agrees on text that SQLite's json_array writes differently from JSON.stringify (lone surrogates)", async () => {
    // A lone surrogate is stored as U+FFFD, so such an event never verified, before the workers
    // either: the walk checks it again the JavaScript way and both give the same answer.
    const at = t.desk.clock().toISOString();
    appendAudit(
      t.desk.write,
      { action: 'test.event', entity: 'test', summary: 'lone \ud800 surrogate \udc00' },
      { actor: SYSTEM_ACTOR, deskId: t.desk.deskId, at },
    );
    await both();
  });

  it('sees a BLOB put in by hand (which json_array cannot write)', async () => {
    t.desk.sqlite.prepare("UPDATE audit_events SET entity_id = x'00ff' WHERE seq = 2222").run();
    expect(await both()).toEqual({ ok: false, checked: 2221, firstBad: { seq: 2222, problem: 'event 2222 was changed after it was written' } });
  });

  it('walks on this thread inside a transaction (the workers would not see its events)', async () => {
    t.desk.sqlite.exec('BEGIN');
    try {
      appendAudit(
        t.desk.write,
        { action: 'test.event', entity: 'test', summary: 'uncommitted' },
        { actor: SYSTEM_ACTOR, deskId: t.desk.deskId, at: t.desk.clock().toISOString() },
      );
      expect(await verifyAuditChainParallel(t.desk.sqlite, PARALLEL)).toEqual({ ok: true, checked: EVENTS + 1 });
    } finally {
      t.desk.sqlite.exec('ROLLBACK');
    }
  });
});
