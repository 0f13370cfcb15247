import type { FeeRow } from '../../shared/contract/admin.js';
import { formatKes } from '../../shared/money.js';
import { defineCommand, defineQuery } from '../core/registry.js';

interface Row { cadre: FeeRow['cadre']; licence_year: number; amount_cents: number; placeholder: number }
const toFeeRow = (r: Row): FeeRow => ({ cadre: r.cadre, licenceYear: r.licence_year, amountCents: r.amount_cents, placeholder: r.placeholder === 1 });

export const feesList = defineQuery('fees.list', async (_db, { sqlite }) =>
  (sqlite.prepare('SELECT * FROM fees ORDER BY licence_year DESC, cadre').all() as Row[]).map(toFeeRow));

export const feeSet = defineCommand('fee.set', async (_tx, ctx, input) => {
  const { sqlite, now } = ctx;
  const before = sqlite.prepare('SELECT * FROM fees WHERE cadre = ? AND licence_year = ?').get(input.cadre, input.licenceYear) as Row | undefined;
  sqlite
    .prepare(
      `INSERT INTO fees (cadre, licence_year, amount_cents, placeholder, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (cadre, licence_year) DO UPDATE SET amount_cents = excluded.amount_cents,
         placeholder = excluded.placeholder, updated_at = excluded.updated_at`,
    )
    .run(input.cadre, input.licenceYear, input.amountCents, input.placeholder ? 1 : 0, now);
  const fee: FeeRow = { cadre: input.cadre, licenceYear: input.licenceYear, amountCents: input.amountCents, placeholder: input.placeholder };
  ctx.audit({
    action: 'fee.set', entity: 'fee', entityId: `${input.cadre}:${input.licenceYear}`,
    summary: `Fee for a ${input.cadre} in ${input.licenceYear} set to ${formatKes(input.amountCents)}${input.placeholder ? ' (placeholder)' : ''}`,
    before: before && toFeeRow(before), after: fee,
  });
  return fee;
});
