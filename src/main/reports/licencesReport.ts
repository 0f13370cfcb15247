import type { ReportDefinition } from './types.js';
import { datetime, filtered, fullName, ident, int, SAMPLE, text } from './types.js';

export const licencesReport: ReportDefinition = {
  name: 'licences',
  title: 'Licences',
  permission: 'licence.read',
  personalData: true,
  columns: [
    ident('licence_no', SAMPLE.licenceNo, 20),
    int('licence_year'),
    ident('national_id', SAMPLE.nationalId, 11),
    text('full_name', 24),
    text('centre', 16),
    ident('status', 'dispatched', 10),
    datetime('issued_at'),
    datetime('dispatched_at'),
    datetime('received_at'),
    datetime('collected_at'),
    text('collected_by', 20),
    ident('collector_id_no', SAMPLE.nationalId, 12),
    ident('clerk', SAMPLE.username, 12),
  ],
  *rows(db, f) {
    yield* db.iterate(
      filtered(
        db
          .selectFrom('licences as l')
          .innerJoin('practitioners as p', 'p.id', 'l.practitioner_id')
          .innerJoin('centres as c', 'c.id', 'l.centre_id')
          .leftJoin('users as u', 'u.id', 'l.collected_by_clerk')
          .select([
            'l.licence_no',
            'l.licence_year',
            'p.national_id',
            fullName.as('full_name'),
            'c.name as centre',
            'l.state as status',
            'l.issued_at',
            'l.dispatched_at',
            'l.received_at',
            'l.collected_at',
            'l.collector_name as collected_by',
            'l.collector_id_no',
            'u.username as clerk',
          ])
          .orderBy('l.licence_year')
          .orderBy('l.sequence'),
        f,
        { time: 'l.issued_at', centre: 'l.centre_id', year: 'l.licence_year', state: 'l.state' },
      ),
    );
  },
};
