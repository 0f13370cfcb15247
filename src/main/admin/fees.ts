import type { FeeRow } from '../../shared/contract/admin.js';
import { formatKes } from '../../shared/money.js';
import { defineCommand, defineQuery } from '../core/registry.js';

interface Row {
  cadre: FeeRow['cadre'];
  licence_year: number;
  amount_cents: number;
  placeholder: number;
}
const toFeeRow = (r: Row): FeeRow => ({ cadre: r.cadre, licenceYear: r.licence_year, amountCents: r.amount_cents, placeholder: r.placeholder === 1 });

export const feesList = defineQuery('fees.list', async ({ db }) =>
  db.all(db.selectFrom('fees').selectAll().orderBy('licence_year', 'desc').orderBy('cadre')).map(toFeeRow),
);

export const feeSet = defineCommand('fee.set', async (ctx, input) => {
  const { db, now } = ctx;
  const before = db.first(db.selectFrom('fees').selectAll().where('cadre', '=', input.cadre).where('licence_year', '=', input.licenceYear));
  // An update or an insert, never an upsert: SQLite runs the change log's triggers under an upsert's
  // conflict rule, so their INSERT OR REPLACE fails on a row already logged (a desk that syncs, the service).
  const values = { amount_cents: input.amountCents, placeholder: input.placeholder ? 1 : 0, updated_at: now };
  if (before) db.run(db.updateTable('fees').set(values).where('cadre', '=', input.cadre).where('licence_year', '=', input.licenceYear));
  else db.run(db.insertInto('fees').values({ cadre: input.cadre, licence_year: input.licenceYear, ...values }));
  const fee: FeeRow = { cadre: input.cadre, licenceYear: input.licenceYear, amountCents: input.amountCents, placeholder: input.placeholder };
  ctx.audit({
    action: 'fee.set',
    entity: 'fee',
    entityId: `${input.cadre}:${input.licenceYear}`,
    summary: `Fee for a ${input.cadre} in ${input.licenceYear} set to ${formatKes(input.amountCents)}${input.placeholder ? ' (placeholder)' : ''}`,
    before: before && toFeeRow(before),
    after: fee,
  });
  return fee;
});
