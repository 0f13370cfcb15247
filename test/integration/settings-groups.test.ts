import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SettingRow } from '../../src/shared/contract/admin.js';
import { SETTING_GROUPS } from '../../src/shared/settingGroups.js';
import type { Desk } from '../../src/main/desk.js';
import { count, makeDesk, type TestDesk } from './support/tempDesk.js';
import { actorOn, joinedDesk, startTestServer, type TestServer } from './sync/support.js';

const MASK = '••••••••';

describe('settings saved a group at a time', () => {
  let t: TestDesk;
  beforeEach(async () => {
    t = await makeDesk();
  });
  afterEach(async () => {
    await t.desk.close();
  });

  async function list(): Promise<SettingRow[]> {
    const r = await t.desk.query('settings.list', {}, t.actors.admin);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it("lists every setting by its key with a name for people and a group, and never a secret's value", async () => {
    expect(
      (
        await t.desk.dispatch(
          'settings.save',
          {
            values: [
              { key: 'sms.apiKey', value: 'atsk_not_shown_4821' },
              { key: 'sms.username', value: 'kmlttb' },
            ],
          },
          t.actors.admin,
        )
      ).ok,
    ).toBe(true);
    const rows = await list();
    expect(rows.find((r) => r.key === 'review.cpdThreshold')).toMatchObject({
      label: 'CPD points expected',
      group: 'review',
      placeholder: true,
      secret: false,
      environment: null,
    });
    expect(rows.find((r) => r.key === 'sms.apiKey')).toMatchObject({ label: 'API key', group: 'sms', value: MASK, secret: true });
    expect(rows.find((r) => r.key === 'server.ecitizenSecret')).toMatchObject({ group: 'server', value: '', secret: true });
    expect(JSON.stringify(rows)).not.toContain('atsk_not_shown_4821');
    for (const row of rows) {
      expect(SETTING_GROUPS).toContain(row.group);
      expect(row.label).not.toBe('');
    }
  });

  it('names the environment variable that gives a setting instead of the stored value', async () => {
    process.env.KMLTTB_SMS_USERNAME = 'from-environment';
    try {
      expect((await list()).find((r) => r.key === 'sms.username')).toMatchObject({ value: 'from-environment', environment: 'KMLTTB_SMS_USERNAME' });
    } finally {
      delete process.env.KMLTTB_SMS_USERNAME;
    }
    expect((await list()).find((r) => r.key === 'sms.username')).toMatchObject({ environment: null });
  });

  it('writes every value of a group, or none when one is wrong, naming each that is', async () => {
    const bad = await t.desk.dispatch(
      'settings.save',
      {
        values: [
          { key: 'review.cpdThreshold', value: '25' },
          { key: 'licence.prefix', value: 'kmlttb board' },
          { key: 'session.idleLockMinutes', value: '0' },
        ],
      },
      t.actors.admin,
    );
    expect(bad.ok || bad.error).toMatchObject({
      code: 'invalid_input',
      field: 'licence.prefix',
      issues: [
        { where: 'licence.prefix', message: 'licence.prefix must be 1 to 12 capital letters, digits or dashes.' },
        { where: 'session.idleLockMinutes', message: 'session.idleLockMinutes must be a whole number from 1 to 240.' },
      ],
    });
    expect(t.desk.setting('review.cpdThreshold')).toBe('20');
    expect(count(t.desk, 'audit_events', "action = 'settings.save'")).toBe(0);

    const good = await t.desk.dispatch(
      'settings.save',
      {
        values: [
          { key: 'review.cpdThreshold', value: ' 25 ' },
          { key: 'licence.prefix', value: 'KMLTTB-B' },
        ],
      },
      t.actors.admin,
    );
    expect(good.ok && good.value.map((r) => [r.key, r.value])).toEqual([
      ['review.cpdThreshold', '25'],
      ['licence.prefix', 'KMLTTB-B'],
    ]);
    expect([t.desk.setting('review.cpdThreshold'), t.desk.setting('licence.prefix')]).toEqual(['25', 'KMLTTB-B']);
    const audit = t.desk.sqlite.prepare("SELECT summary, before, after FROM audit_events WHERE action = 'settings.save'").all();
    expect(audit).toEqual([
      {
        summary: 'Settings changed: review.cpdThreshold, licence.prefix',
        before: JSON.stringify({ 'review.cpdThreshold': '20', 'licence.prefix': 'KMLTTB' }),
        after: JSON.stringify({ 'review.cpdThreshold': '25', 'licence.prefix': 'KMLTTB-B' }),
      },
    ]);
    expect((await list()).find((r) => r.key === 'review.cpdThreshold')?.placeholder).toBe(false);
  });

  it('refuses an unknown key and a key given twice', async () => {
    const r = await t.desk.dispatch(
      'settings.save',
      {
        values: [
          { key: 'sms.colour', value: 'blue' },
          { key: 'desk.name', value: 'A' },
          { key: 'desk.name', value: 'B' },
        ],
      },
      t.actors.admin,
    );
    expect(r.ok || r.error.issues).toEqual([
      { where: 'sms.colour', message: "There is no setting 'sms.colour'." },
      { where: 'desk.name', message: 'desk.name is given twice.' },
    ]);
  });

  it('keeps a secret out of the audit trail, saying only that it was set or cleared', async () => {
    expect(
      (
        await t.desk.dispatch(
          'settings.save',
          {
            values: [
              { key: 'sms.apiKey', value: 'atsk_secret_9931' },
              { key: 'sms.senderId', value: 'KMLTTB' },
            ],
          },
          t.actors.admin,
        )
      ).ok,
    ).toBe(true);
    expect((await t.desk.dispatch('settings.save', { values: [{ key: 'sms.apiKey', value: '' }] }, t.actors.admin)).ok).toBe(true);
    const audit = t.desk.sqlite.prepare("SELECT summary, before, after FROM audit_events WHERE action = 'settings.save' ORDER BY seq").all() as {
      summary: string;
      before: string;
      after: string;
    }[];
    expect(audit.map((a) => a.summary)).toEqual(['Settings changed: sms.apiKey (secret, set), sms.senderId', 'Settings changed: sms.apiKey (secret, cleared)']);
    expect(JSON.stringify(audit)).not.toContain('atsk_secret_9931');
    expect(t.desk.secrets.has('sms.apiKey')).toBe(false);
  });
});

describe('settings saved on a desk that syncs', () => {
  let s: TestServer;
  let desk: Desk;
  beforeAll(async () => {
    s = await startTestServer();
    desk = await joinedDesk(s, 'admin');
  });
  afterAll(async () => {
    await desk?.close();
    await s?.server.close();
  });

  it('sends a group of plain settings to the central service, keeps a group with a secret on the desk, and refuses a test SMS', async () => {
    const admin = actorOn(desk, 'admin');
    const outbox = () => desk.sqlite.prepare('SELECT name FROM outbox').pluck().all();
    const before = outbox().length;
    expect((await desk.dispatch('settings.save', { values: [{ key: 'licence.prefix', value: 'KMLTTB' }] }, admin)).ok).toBe(true);
    expect(outbox().slice(before)).toEqual(['settings.save']);
    expect(
      (
        await desk.dispatch(
          'settings.save',
          {
            values: [
              { key: 'sms.username', value: 'kmlttb' },
              { key: 'sms.apiKey', value: 'atsk_desk_only_1' },
            ],
          },
          admin,
        )
      ).ok,
    ).toBe(true);
    expect(outbox().slice(before)).toEqual(['settings.save']);

    const test = await desk.dispatch('sms.sendTest', { phone: '0712 345 678' }, admin);
    expect(test.ok || test.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^This desk syncs with a central service/) });

    // Sent all the same (as a desk of another version might), the service refuses it.
    const deskId = desk.sqlite.prepare('SELECT desk_id FROM sync_state').pluck().get() as string;
    const pushed = await s.server.desk.dispatch('settings.save', { values: [{ key: 'sms.apiKey', value: 'atsk_pushed' }] }, s.actors.admin, {
      originDeskId: deskId,
    });
    expect(pushed.ok || pushed.error).toMatchObject({ code: 'forbidden' });
    expect(s.server.desk.secrets.has('sms.apiKey')).toBe(false);
  });
});
