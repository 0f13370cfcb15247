import { sql } from 'kysely';
import type { InvoiceRow, MatchSuggestion } from '../../shared/contract/payments.js';
import { cleanBillRef, oneCharacterCorrections } from '../../shared/billRef.js';
import { formatKes } from '../../shared/money.js';
import { normalisePhone } from '../../shared/phone.js';
import { formatNairobi } from '../../shared/time.js';
import { ftsQuery } from '../applications/queries.js';
import type { ReadableDB } from '../db/handles.js';
import { closeReferences } from './closeReferences.js';
import { nameCloseness } from './nameCloseness.js';
import { invoiceRows, type InvoicesEb } from './rows.js';

/** What the suggestions look at in an unmatched payment. */
export interface PaymentEvidence {
  amount_cents: number;
  reference_clean: string;
  payer_phone: string | null;
  payer_name: string;
  paid_at: string;
}

export interface Suggested {
  suggestions: MatchSuggestion[];
  /** Facts that explain the payment (e.g. it names an application that was rejected, so has no invoice). */
  notes: string[];
}

/** DOMAIN.md: eCitizen adds an access fee of KES 5 to 50 to what the payer sends. */
const MOST_ACCESS_FEE_CENTS = 5000;
/** How far the top suggestion must be ahead of the next for its evidence to count as strong. */
const STRONG_MARGIN = 15;
const OPEN_STATES = ['unpaid', 'partially_paid'] as const;

/** Evidence that points at one person, as opposed to the amount, the time or a common name. */
type Identifying = 'reference' | 'nationalId' | 'applicationRef' | 'phone';

interface Candidate {
  row: InvoiceRow;
  score: number;
  why: string[];
  identifying: Set<Identifying>;
  amountFits: boolean;
}

/**
 * Ranks the invoices an unmatched payment may belong to by the evidence for each: the reference
 * typed (one character off by the check character, or a few characters from a bill reference;
 * a national ID, an application reference or a phone), the payer's phone and name against the
 * applicant's, the amount against the balance, and when it was paid against when the invoice
 * was raised. Each suggestion carries its reasons. Nothing here matches anything: a person
 * accepts a suggestion, or the strong ones in bulk after reviewing the list.
 *
 * One suggester serves many payments (a page, a report, the bulk list): it reads the open
 * invoices' references once, for the close-reference evidence.
 */
export function invoiceSuggester(db: ReadableDB): (p: PaymentEvidence) => Suggested {
  let openRefs: ((ref: string) => Map<string, number>) | undefined;
  let applicationRefs: Map<string, string> | undefined;
  const lookups: Lookups = {
    closeRefs: (ref) => {
      openRefs ??= closeReferences(db.all(db.selectFrom('invoices').select('bill_ref').where('state', 'in', OPEN_STATES)).map((r) => r.bill_ref));
      return openRefs(ref);
    },
    // Read once, so that each payment looks its reference up by the index, not by a scan of every application.
    applicationRef: (ref) => {
      applicationRefs ??= new Map(
        db.all(db.selectFrom('applications').select('application_ref')).map((r) => [cleanBillRef(r.application_ref), r.application_ref]),
      );
      return applicationRefs.get(ref);
    },
  };
  return (p) => suggest(db, p, lookups);
}

interface Lookups {
  /** Open invoices' bill references within two edits of a typed reference, with their distance. */
  closeRefs: (ref: string) => Map<string, number>;
  /** The application reference a typed reference is, written without its separators. */
  applicationRef: (ref: string) => string | undefined;
}

function suggest(db: ReadableDB, p: PaymentEvidence, { closeRefs, applicationRef }: Lookups): Suggested {
  const found = new Map<string, Candidate>();
  const notes: string[] = [];
  const consider = (row: InvoiceRow) => {
    const entry = found.get(row.id) ?? { row, score: 0, why: [], identifying: new Set<Identifying>(), amountFits: false };
    found.set(row.id, entry);
    return entry;
  };
  const add = (rows: InvoiceRow[], score: number, why: (row: InvoiceRow) => string, identifying: Identifying) => {
    for (const row of rows) {
      const entry = consider(row);
      entry.score += score;
      entry.why.push(why(row));
      entry.identifying.add(identifying);
    }
  };
  const invoices = (where: (eb: InvoicesEb) => ReturnType<InvoicesEb['and']>) => db.all(invoiceRows(db).where(where).limit(20));
  const open = (eb: InvoicesEb) => eb('i.state', 'in', OPEN_STATES);
  const ref = p.reference_clean;

  if (ref.length >= 2 && ref.length <= 12) {
    const corrections = oneCharacterCorrections(ref);
    if (corrections.length > 0) {
      add(
        invoices((eb) => eb('i.bill_ref', 'in', corrections)),
        50,
        (r) => `The reference typed, ${ref}, differs by one character from ${r.billRef}`,
        'reference',
      );
    }
  }
  const near = closeRefs(ref);
  for (const f of found.values()) near.delete(f.row.billRef);
  if (near.size > 0) {
    for (const row of invoices((eb) => eb('i.bill_ref', 'in', [...near.keys()]))) {
      const distance = near.get(row.billRef)!;
      add(
        [row],
        distance === 0 ? 60 : 50 - 7 * distance,
        (r) =>
          distance === 0
            ? `The reference typed is the bill reference ${r.billRef}`
            : `The reference typed, ${ref}, is ${distance} ${distance === 1 ? 'character' : 'characters'} from ${r.billRef}`,
        'reference',
      );
    }
  }
  if (ref) {
    add(
      invoices((eb) => eb('pr.national_id', '=', ref)),
      40,
      (r) => `The reference typed is the national ID of ${r.applicantName}`,
      'nationalId',
    );
    const typedApplication = applicationRef(ref);
    if (typedApplication) {
      add(
        invoices((eb) => eb('a.application_ref', '=', typedApplication)),
        40,
        (r) => `The reference typed is the application reference ${r.applicationRef}`,
        'applicationRef',
      );
    }
    const app =
      typedApplication &&
      db.first(
        db
          .selectFrom('applications as a')
          .select(['a.application_ref', 'a.state'])
          .where('a.application_ref', '=', typedApplication)
          .where('a.state', 'in', ['submitted', 'rejected', 'returned']),
      );
    if (app) notes.push(`The reference typed is application ${app.application_ref}, which is ${app.state}: it has no invoice to pay.`);
    const typedPhone = normalisePhone(ref);
    if (typedPhone.ok) {
      add(
        invoices((eb) => eb.and([eb('pr.phone', '=', typedPhone.msisdn), open(eb)])),
        35,
        (r) => `The reference typed is ${r.applicantName}'s phone`,
        'phone',
      );
    }
  }
  if (p.payer_phone) {
    const phone = p.payer_phone;
    add(
      invoices((eb) => eb.and([eb('pr.phone', '=', phone), open(eb)])),
      35,
      (r) => `The payer's phone is ${r.applicantName}'s`,
      'phone',
    );
  }
  // The name only finds candidates here; how close it is counts below, for every candidate.
  const nameQuery = p.payer_name ? ftsQuery(p.payer_name.split(/\s+/).slice(0, 3).join(' ')) : null;
  if (nameQuery) {
    invoices((eb) =>
      eb.and([eb(sql`a.rowid`, 'in', sql`(SELECT rowid FROM applications_search WHERE applications_search MATCH ${nameQuery})`), open(eb)]),
    ).forEach(consider);
  }
  weighCircumstances(db, p, found);
  return { suggestions: ranked(found), notes };
}

/** The payer's name, the amount and the time paid, weighed for every candidate however it was found. */
function weighCircumstances(db: ReadableDB, p: PaymentEvidence, found: Map<string, Candidate>): void {
  const raised = new Map(
    found.size === 0
      ? []
      : db
          .all(
            db
              .selectFrom('invoices')
              .select(['id', 'created_at'])
              .where('id', 'in', [...found.keys()]),
          )
          .map((r) => [r.id, r.created_at] as const),
  );
  for (const [id, entry] of found) {
    const { row } = entry;
    const name = nameCloseness(p.payer_name, row.applicantName);
    // Found by a name the payer's does not come close to (a prefix of a common word): no suggestion.
    if (entry.identifying.size === 0 && name === 'far') {
      found.delete(id);
      continue;
    }
    if (name === 'same') {
      entry.score += 15;
      entry.why.push(`The payer's name is ${row.applicantName}'s`);
    } else if (name === 'close') {
      entry.score += 10;
      entry.why.push(`The payer's name, ${p.payer_name}, is close to ${row.applicantName}`);
    }
    entry.amountFits = row.balanceCents > 0 && p.amount_cents >= row.balanceCents && p.amount_cents - row.balanceCents <= MOST_ACCESS_FEE_CENTS;
    if (entry.amountFits && p.amount_cents === row.balanceCents) {
      entry.score += 25;
      entry.why.push(`The amount ${formatKes(p.amount_cents)} is exactly the balance`);
    } else if (entry.amountFits) {
      entry.score += 20;
      entry.why.push(`The amount ${formatKes(p.amount_cents)} covers the balance of ${formatKes(row.balanceCents)} and an access fee`);
    }
    const raisedAt = raised.get(row.id)!;
    // Some pay before their application is approved (with their national ID as the reference, say):
    // paying after counts for the invoice, paying before only goes without that.
    if (p.paid_at >= raisedAt) {
      entry.score += 10;
      entry.why.push(`Paid after the invoice was raised (${formatNairobi(raisedAt)})`);
    } else {
      entry.why.push(`Paid before the invoice was raised (${formatNairobi(raisedAt)})`);
    }
    if (row.state === 'paid' || row.state === 'overpaid') {
      entry.score -= 40;
      entry.why.push('This invoice is already paid: matching would make it overpaid');
    }
  }
}

/** The five best, best first; the first is strong when its evidence is and nothing else comes near. */
function ranked(found: Map<string, Candidate>): MatchSuggestion[] {
  const best = [...found.values()].sort((a, b) => b.score - a.score || a.row.billRef.localeCompare(b.row.billRef)).slice(0, 5);
  return best.map(({ row, score, why, identifying, amountFits }, i): MatchSuggestion => {
    const next = best[1];
    const strong =
      i === 0 &&
      identifying.size > 0 &&
      amountFits &&
      (row.state === 'unpaid' || row.state === 'partially_paid') &&
      (!next || score - next.score >= STRONG_MARGIN);
    return {
      invoiceId: row.id,
      billRef: row.billRef,
      applicationRef: row.applicationRef,
      applicantName: row.applicantName,
      nationalId: row.nationalId,
      amountDueCents: row.amountDueCents,
      balanceCents: row.balanceCents,
      invoiceState: row.state,
      score,
      strong,
      why,
    };
  });
}
