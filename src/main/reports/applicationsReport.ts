import type { ReportDefinition } from './types.js';
import { datetime, filtered, fullName, ident, int, money, SAMPLE, text } from './types.js';

export const applicationsReport: ReportDefinition = {
  name: 'applications',
  title: 'Applications',
  permission: 'application.read',
  personalData: true,
  columns: [
    ident('application_ref', SAMPLE.applicationRef, 16),
    datetime('submitted_at'),
    ident('national_id', SAMPLE.nationalId, 11),
    ident('registration_no', SAMPLE.registrationNo, 12),
    text('full_name', 24),
    ident('phone', SAMPLE.phone, 13),
    ident('cadre', 'technologist', 12),
    int('licence_year'),
    int('cpd_points'),
    text('collection_centre', 16),
    ident('status', 'submitted', 10),
    ident('decided_by', SAMPLE.username, 12),
    datetime('decided_at'),
    text('reason', 30),
    ident('bill_ref', SAMPLE.billRef, 12),
    money('amount_due'),
    money('amount_paid'),
    ident('licence_no', SAMPLE.licenceNo, 20),
  ],
  totals: ['amount_due', 'amount_paid'],
  *rows(db, f) {
    yield* db.iterate(
      filtered(
        db
          .selectFrom('applications as a')
          .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
          .leftJoin('centres as c', 'c.id', 'a.centre_id')
          .leftJoin('users as u', 'u.id', 'a.decided_by')
          .leftJoin('invoices as i', 'i.application_id', 'a.id')
          .leftJoin('licences as l', 'l.application_id', 'a.id')
          .select((eb) => [
            'a.application_ref',
            'a.submitted_at',
            'p.national_id',
            'p.registration_no',
            fullName.as('full_name'),
            eb.fn.coalesce('p.phone', 'p.phone_raw').as('phone'),
            'a.cadre',
            'a.licence_year',
            'a.cpd_points',
            eb.fn.coalesce('c.name', 'a.centre_text').as('collection_centre'),
            'a.state as status',
            'u.username as decided_by',
            'a.decided_at',
            'a.decision_reason as reason',
            'i.bill_ref',
            'i.amount_due_cents as amount_due',
            'i.amount_paid_cents as amount_paid',
            'l.licence_no',
          ])
          .orderBy('a.submitted_at')
          .orderBy('a.id'),
        f,
        { time: 'a.submitted_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'a.state', officer: 'u.username' },
      ),
    );
  },
};
