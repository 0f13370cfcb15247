import type { ReportDefinition } from './types.js';
import { filtered, ident, money, SAMPLE } from './types.js';

export const invoicesReport: ReportDefinition = {
  name: 'invoices',
  title: 'Invoices',
  permission: 'payment.read',
  personalData: true,
  columns: [
    ident('bill_ref', SAMPLE.billRef, 12),
    ident('application_ref', SAMPLE.applicationRef, 16),
    ident('national_id', SAMPLE.nationalId, 11),
    money('amount_due'),
    money('amount_paid'),
    money('balance'),
    ident('status', 'partially_paid', 14),
  ],
  totals: ['amount_due', 'amount_paid', 'balance'],
  *rows(db, f) {
    yield* db.iterate(
      filtered(
        db
          .selectFrom('invoices as i')
          .innerJoin('applications as a', 'a.id', 'i.application_id')
          .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
          .select((eb) => [
            'i.bill_ref',
            'a.application_ref',
            'p.national_id',
            'i.amount_due_cents as amount_due',
            'i.amount_paid_cents as amount_paid',
            eb('i.amount_due_cents', '-', eb.ref('i.amount_paid_cents')).as('balance'),
            'i.state as status',
          ])
          .orderBy('i.created_at')
          .orderBy('i.id'),
        f,
        { time: 'i.created_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'i.state' },
      ),
    );
  },
};
