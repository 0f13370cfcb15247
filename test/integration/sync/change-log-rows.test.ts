import { describe, expect, it } from 'vitest';
import { startTestServer } from './support.js';

describe('commands that change a row the change log already holds', () => {
  it('fee.set and smsTemplate.set change a fee and a template logged before, on the central service (whose change log is on)', async () => {
    const s = await startTestServer();
    try {
      const server = s.server.desk;
      const logged = server.sqlite.prepare('SELECT seq FROM row_changes WHERE tbl = ? AND pk = ?').pluck();
      const feeKey = JSON.stringify(['technologist', 2026]);
      const templateKey = JSON.stringify(['approved', 'en']);
      const feeBefore = logged.get('fees', feeKey) as number;
      const templateBefore = logged.get('sms_templates', templateKey) as number;
      expect(feeBefore).toBeGreaterThan(0);
      expect(templateBefore).toBeGreaterThan(0);

      const fee = await server.dispatch('fee.set', { cadre: 'technologist', licenceYear: 2026, amountCents: 310_000 }, s.actors.admin);
      expect(fee).toMatchObject({ ok: true, value: { amountCents: 310_000 } });
      const body = 'Dear {name}, application {ref} is approved: pay the fee.';
      const template = await server.dispatch('smsTemplate.set', { event: 'approved', language: 'en', body }, s.actors.admin);
      expect(template).toMatchObject({ ok: true, value: { body } });

      expect(server.sqlite.prepare("SELECT amount_cents FROM fees WHERE cadre = 'technologist' AND licence_year = 2026").pluck().get()).toBe(310_000);
      expect(server.sqlite.prepare("SELECT body FROM sms_templates WHERE event = 'approved' AND language = 'en'").pluck().get()).toBe(body);
      // Logged again, later: desks pull the new values.
      expect(logged.get('fees', feeKey)).toBeGreaterThan(feeBefore);
      expect(logged.get('sms_templates', templateKey)).toBeGreaterThan(templateBefore);
    } finally {
      await s.server.close();
    }
  });
});
