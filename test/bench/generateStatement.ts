/**
 * An M-Pesa paybill statement CSV (the format of test/fixtures/payments/mpesa-statement.csv and
 * src/main/payments/parse/) paying the desk's invoices: the file a finance officer downloads and
 * imports. Reproducible from the PRNG; every time is in the past.
 *
 * Its A/C No. values are what payers type: mostly the bill reference (some in lower case or with
 * spaces), some with one character wrong or two swapped, some the payer's national ID, a phone
 * number or free text. Besides the payments there are the lines a real statement has: charges,
 * failed payments, a reversal of a receipt from an earlier statement, and a few lines repeated
 * where two downloads overlapped.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { BILL_REF_ALPHABET } from '../../src/shared/billRef.js';
import type { Rng } from './prng.js';

const DAY = 86_400_000;
const NAIROBI_MS = 3 * 3600_000;

export type AccountKind = 'exact' | 'loose' | 'typo' | 'swapped' | 'national_id' | 'phone' | 'other';

export interface Statement {
  fileName: string;
  bytes: Buffer;
  /** Lines below the header. */
  lines: number;
  /** Distinct completed payments (what the import stores). */
  payments: number;
  accounts: Record<AccountKind, number>;
  /** Charges, failed lines, reversals, repeated lines. */
  other: Record<'charge' | 'failed' | 'reversal' | 'repeated', number>;
}

interface InvoiceFacts {
  billRef: string;
  due: number;
  open: boolean;
  createdMs: number;
  paidMs: number | null;
  nationalId: string;
  phone: string | null;
  name: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Nairobi wall-clock time as statements write it: `30-05-2025 14:22:10`, sometimes `30/05/2025 14:22`. */
function statementTime(ms: number, short: boolean): string {
  const d = new Date(ms + NAIROBI_MS);
  const day = `${pad(d.getUTCDate())}${short ? '/' : '-'}${pad(d.getUTCMonth() + 1)}${short ? '/' : '-'}${d.getUTCFullYear()}`;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${short ? '' : `:${pad(d.getUTCSeconds())}`}`;
}
/** `"1,500.00"`, quoted as the export writes amounts with thousands separators. */
function amountCell(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `"${sign}${whole}.${pad(Math.abs(cents) % 100)}"`;
}

/** Builds a statement of `payments` payments over the invoices in `sqlite`, up to `nowMs`. */
export function generateStatement(sqlite: BetterSqlite3.Database, rng: Rng, payments: number, nowMs: number): Statement {
  const rows = sqlite
    .prepare(
      `
    SELECT i.bill_ref, i.amount_due_cents, i.state IN ('unpaid', 'partially_paid'), i.created_at, i.paid_at,
           p.national_id, p.phone, upper(trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name))
    FROM invoices i JOIN applications a ON a.id = i.application_id JOIN practitioners p ON p.id = a.practitioner_id`,
    )
    .raw()
    .all() as [string, number, number, string, string | null, string, string | null, string][];
  const invoices: InvoiceFacts[] = rows.map(([billRef, due, open, created, paid, nationalId, phone, name]) => ({
    billRef,
    due,
    open: open === 1,
    createdMs: Date.parse(created),
    paidMs: paid === null ? null : Date.parse(paid),
    nationalId,
    phone,
    name,
  }));
  // Most open invoices get paid; the rest of the statement is payments of invoices settled earlier (its history).
  const open = rng.shuffle(invoices.filter((i) => i.open));
  const settled = rng.shuffle(invoices.filter((i) => !i.open));
  const paidOpen = open.slice(0, Math.min(Math.round(open.length * 0.9), payments));
  const chosen = [...paidOpen, ...settled.slice(0, Math.max(0, payments - paidOpen.length))];
  while (chosen.length < payments) chosen.push(rng.pick(invoices)); // a small data set: some invoices paid twice
  rng.shuffle(chosen);

  const receipts = new Set<string>();
  const receipt = () => {
    for (;;) {
      let r = rng.pick(['S', 'T', 'U']);
      for (let k = 0; k < 9; k++) r += rng.pick(RECEIPT_CHARS);
      if (!receipts.has(r)) {
        receipts.add(r);
        return r;
      }
    }
  };
  const accounts: Record<AccountKind, number> = { exact: 0, loose: 0, typo: 0, swapped: 0, national_id: 0, phone: 0, other: 0 };
  const other = { charge: 0, failed: 0, reversal: 0, repeated: 0 };
  type Line = { ms: number; text: string; receipt: string; paidIn: number };
  const lines: Line[] = [];

  for (const inv of chosen) {
    const kind = rng.weighted<AccountKind>([
      ['exact', 80],
      ['loose', 8],
      ['typo', 4],
      ['swapped', 2],
      ['national_id', 2],
      ['phone', 2],
      ['other', 2],
    ]);
    accounts[kind]++;
    const account = typedAccount(rng, kind, inv);
    const amount = rng.weighted<number>([
      [inv.due, 92],
      [inv.due + 50_00, 3],
      [inv.due - 500_00, 2],
      [inv.due + rng.int(1, 20) * 100_00, 3],
    ]);
    const from = inv.paidMs ?? inv.createdMs + rng.int(1, 40) * DAY + rng.int(0, DAY);
    // Paid after the invoice was raised, and in the past.
    const ms = Math.min(Math.max(from, inv.createdMs + 60_000), nowMs - rng.int(3600_000, 30 * DAY), nowMs - 60_000);
    const phone = inv.phone !== null && rng.chance(0.85) ? inv.phone : `2547${pad(rng.int(0, 99_999_999), 8)}`;
    const party = rng.weighted<string>([
      [`${phone} - ${inv.name}`, 65],
      [`${phone.slice(0, 4)}******${phone.slice(-3)} - ${inv.name}`, 25],
      [rng.hex(64), 10],
    ]);
    const r = receipt();
    const time = statementTime(ms, rng.chance(0.1));
    const details = `Pay Bill Online from ${party.includes(' - ') ? party : `${party} - ${inv.name}`} Acc. ${account}`;
    lines.push({
      ms,
      receipt: r,
      paidIn: amount,
      text: `${r},${time},${time},${details},Completed,${amountCell(amount)},,BALANCE,true,Pay Bill Online,${party},,${account}`,
    });
    if (rng.chance(0.01)) {
      other.charge++;
      const c = receipt();
      const t = statementTime(ms + 1000, false);
      lines.push({
        ms: ms + 1000,
        receipt: c,
        paidIn: -22_00,
        text: `${c},${t},${t},Business Pay Bill Charge,Completed,,-22.00,BALANCE,true,Pay Bill Charge,,${r},`,
      });
    }
    if (rng.chance(0.005)) {
      other.failed++;
      const f = receipt();
      const t = statementTime(ms - 60_000, false);
      lines.push({
        ms: ms - 60_000,
        receipt: f,
        paidIn: 0,
        text: `${f},${t},${t},${details},Failed,${amountCell(amount)},,BALANCE,true,Pay Bill Online,${party},,${account}`,
      });
    }
  }
  // A reversal of a receipt from an earlier statement (not in this file).
  for (let k = 0; k < Math.max(1, Math.round(payments / 1000)); k++) {
    other.reversal++;
    const ms = nowMs - rng.int(1, 20) * DAY;
    const v = receipt();
    const t = statementTime(ms, false);
    lines.push({
      ms,
      receipt: v,
      paidIn: -1500_00,
      text: `${v},${t},${t},Reversal,Completed,,"-1,500.00",BALANCE,true,Reversal,2547${pad(rng.int(0, 99_999_999), 8)} - REVERSED PAYER,${receipt()},`,
    });
  }
  lines.sort((a, b) => a.ms - b.ms || (a.receipt < b.receipt ? -1 : 1));
  // Two downloads that overlap: a few lines appear twice.
  const repeats = Math.round(payments * 0.003);
  for (let k = 0; k < repeats; k++) {
    const at = rng.int(0, lines.length - 1);
    if (lines[at]!.paidIn <= 0) continue;
    other.repeated++;
    lines.splice(Math.min(lines.length, at + rng.int(1, 50)), 0, lines[at]!);
  }

  let balance = 5_000_000_00;
  const firstMs = lines[0]?.ms ?? nowMs;
  const lastMs = lines[lines.length - 1]?.ms ?? nowMs;
  const out: string[] = [
    'Account Holder:,Kenya Medical Laboratory Technicians and Technologists Board',
    'Short Code:,4021187',
    'Account:,Utility Account',
    `Time Period:,From ${statementTime(firstMs, false).slice(0, 10)} 00:00:00 To ${statementTime(lastMs, false).slice(0, 10)} 23:59:59`,
    'Operator:,finance.officer',
    `Report Date:,${statementTime(nowMs, false)}`,
    '',
    'Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.',
  ];
  for (const line of lines) {
    balance += line.paidIn;
    out.push(line.text.replace('BALANCE', amountCell(balance)));
  }
  const stamp = statementTime(nowMs, false).slice(0, 10);
  return {
    fileName: `mpesa-statement-4021187-${stamp}.csv`,
    bytes: Buffer.from(`${out.join('\r\n')}\r\n`, 'utf8'),
    lines: lines.length,
    payments: chosen.length,
    accounts,
    other,
  };
}

const RECEIPT_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const REF_CHARS = [...BILL_REF_ALPHABET];

function typedAccount(rng: Rng, kind: AccountKind, inv: InvoiceFacts): string {
  const ref = inv.billRef;
  switch (kind) {
    case 'exact':
      return ref;
    case 'loose':
      return rng.pick([
        ref.toLowerCase(),
        `${ref.slice(0, 4)} ${ref.slice(4, 8)} ${ref.slice(8)}`,
        `${ref.slice(0, 2)}-${ref.slice(2)}`,
        ` ${ref.toLowerCase()}`,
      ]);
    case 'typo': {
      const at = rng.int(2, ref.length - 1);
      let c = ref[at]!;
      while (c === ref[at]) c = rng.pick(REF_CHARS);
      return ref.slice(0, at) + c + ref.slice(at + 1);
    }
    case 'swapped': {
      const at = rng.int(2, ref.length - 2);
      return ref[at] === ref[at + 1] ? ref : ref.slice(0, at) + ref[at + 1] + ref[at] + ref.slice(at + 2);
    }
    case 'national_id':
      return inv.nationalId;
    case 'phone':
      return inv.phone ? `0${inv.phone.slice(3)}` : `07${pad(rng.int(0, 99_999_999), 8)}`;
    case 'other':
      return rng.pick(['KMLTTB', 'LICENCE', 'RENEWAL 2025', 'ANNUAL LICENCE', 'LAB', '', `APP-${rng.int(2019, 2026)}-${pad(rng.int(1, 20_000), 6)}`]);
  }
}
