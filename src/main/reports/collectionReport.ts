import { sql } from 'kysely';
import type { ReportDefinition } from './types.js';
import { int, text } from './types.js';

/** One row per centre: its licences by state, and those waiting at the centre for more than 30 days. */
export const collectionReport: ReportDefinition = {
  name: 'collection',
  title: 'Collection by centre',
  permission: 'licence.read',
  personalData: false,
  columns: [text('centre', 20), int('issued'), int('dispatched'), int('at_centre'), int('collected'), int('awaiting_over_30_days', 12)],
  *rows(db, f, now) {
    yield* db.iterate(
      db
        .selectFrom('centres as c')
        .leftJoin('licences as l', (join) => {
          let on = join.onRef('l.centre_id', '=', 'c.id');
          if (f.from) on = on.on('l.issued_at', '>=', f.from);
          if (f.to) on = on.on('l.issued_at', '<', f.to);
          if (f.licenceYear) on = on.on('l.licence_year', '=', f.licenceYear);
          return on;
        })
        .select((eb) => {
          const inState = (state: 'issued' | 'dispatched' | 'at_centre' | 'collected') =>
            eb.fn.count<number>(eb.case().when('l.state', '=', state).then(sql.lit(1)).end());
          const waitingLong = eb.and([eb('l.state', '=', 'at_centre'), eb(sql`julianday(${now}) - julianday(l.state_since)`, '>', 30)]);
          return [
            'c.name as centre',
            inState('issued').as('issued'),
            inState('dispatched').as('dispatched'),
            inState('at_centre').as('at_centre'),
            inState('collected').as('collected'),
            eb.fn.count<number>(eb.case().when(waitingLong).then(sql.lit(1)).end()).as('awaiting_over_30_days'),
          ];
        })
        .where((eb) => (f.centreId ? eb('c.id', '=', f.centreId) : eb.or([eb('c.active', '=', 1), eb('l.id', 'is not', null)])))
        .groupBy('c.id')
        .orderBy('c.name'),
    );
  },
};
