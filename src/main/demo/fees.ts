import { SYSTEM_ACTOR } from '../core/actor.js';
import type { Desk } from '../desk.js';
import { run } from './support.js';

/**
 * Placeholder fees: the Board has not published them (DOMAIN.md). Marked as placeholders so
 * the settings screen labels them; a fee already set (by an admin) is left alone.
 */
export const PLACEHOLDER_FEES_CENTS = { technologist: 300_000, technician: 200_000 } as const;

export interface DemoFee {
  cadre: 'technologist' | 'technician';
  licenceYear: number;
  amountCents: number;
  created: boolean;
}

export async function ensureDemoFees(desk: Desk, licenceYears: readonly number[]): Promise<DemoFee[]> {
  const db = desk.read;
  const fees: DemoFee[] = [];
  for (const licenceYear of [...new Set(licenceYears)].sort()) {
    for (const cadre of ['technologist', 'technician'] as const) {
      const existing = db.first(db.selectFrom('fees').select('amount_cents').where('cadre', '=', cadre).where('licence_year', '=', licenceYear));
      if (existing) {
        fees.push({ cadre, licenceYear, amountCents: existing.amount_cents, created: false });
        continue;
      }
      const amountCents = PLACEHOLDER_FEES_CENTS[cadre];
      await run(desk, 'fee.set', { cadre, licenceYear, amountCents, placeholder: true }, SYSTEM_ACTOR);
      fees.push({ cadre, licenceYear, amountCents, created: true });
    }
  }
  return fees;
}
