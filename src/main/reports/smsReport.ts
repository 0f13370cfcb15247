import type { ReportDefinition } from './types.js';
import { datetime, filtered, ident, int, SAMPLE, text } from './types.js';

export const smsReport: ReportDefinition = {
  name: 'sms',
  title: 'SMS messages',
  permission: 'sms.read',
  personalData: true,
  columns: [
    datetime('created_at'),
    ident('phone', SAMPLE.phone, 13),
    ident('event', 'at_centre', 10),
    ident('language', 'sw', 6),
    int('parts'),
    ident('status', 'cancelled', 10),
    datetime('sent_at'),
    datetime('delivered_at'),
    text('failure_reason', 30),
  ],
  *rows(db, f) {
    yield* db.iterate(
      filtered(
        db
          .selectFrom('sms_messages as m')
          .leftJoin('applications as a', 'a.id', 'm.application_id')
          .select(['m.created_at', 'm.phone', 'm.event', 'm.language', 'm.parts', 'm.state as status', 'm.sent_at', 'm.delivered_at', 'm.failure_reason'])
          .orderBy('m.created_at')
          .orderBy('m.id'),
        f,
        { time: 'm.created_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'm.state' },
      ),
    );
  },
};
