/**
 * The payment files the demo imports: an eCitizen notifications export and an M-Pesa paybill
 * statement, as the Board's finance office downloads them, built around the invoices of the
 * applications the officer approved. Pure: the same seed and invoices give the same files.
 */
import { BILL_REF_ALPHABET, isValidBillRef, oneCharacterCorrections } from '../../shared/billRef.js';
import { formatKes } from '../../shared/money.js';
import { DEMO_BASE_TIME } from './applications.js';
import type { Random } from './random.js';

/** An invoice the demo may pay: an approved application with its bill. */
export interface DemoInvoice {
  applicationRef: string;
  billRef: string;
  amountDueCents: number;
  /** UTC ISO-8601. */
  submittedAt: string;
  firstName: string;
  middleName: string;
  lastName: string;
  /** `2547…`, or null when the application gave none that works. */
  phone: string | null;
  nationalId: string;
  /** The practitioner has no other approved application, so their national ID names this invoice alone. */
  onlyInvoice: boolean;
}

/** A rejected application someone paid for anyway. */
export interface DemoRejectedApplication {
  applicationRef: string;
  submittedAt: string;
  firstName: string;
  middleName: string;
  lastName: string;
  phone: string | null;
  feeCents: number;
}

/**
 * The cases the files cover, one approved application each, in the order they are handed out:
 * a small demo gets the first ones. The other invoices are paid exactly, or not yet.
 */
export const PAYMENT_CASES = [
  'exact_reference', // M-Pesa, the bill reference as given
  'ecitizen_access_fee', // eCitizen, the fee plus KES 5–50 access fee
  'both_sources', // one payment in both files: the statement's A/C No. is the eCitizen invoice number
  'one_typo', // one character wrong: caught by the check character
  'two_typos_by_hand', // two characters swapped: left unmatched, then matched by hand
  'lower_case_spaced', // `lb2k 9blx kq`
  'partial_topped_up', // half, then the rest a few days later
  'partial', // part of the fee, nothing more yet
  'overpaid', // paid twice
  'failed_then_paid', // a failed attempt on the statement, then a completed one
  'national_id', // the payer typed their national ID
  'two_typos_left', // two characters swapped, left for a person
  'board_name_left', // `KMLTTB` as the account, left for a person (the payer's name and phone suggest the invoice)
] as const;
export type PaymentCase = (typeof PAYMENT_CASES)[number];

/** Of the other invoices, this share is paid (exactly, by M-Pesa or eCitizen); the rest wait. */
export const PAID_SHARE = 0.6;

export interface ByHand {
  transactionId: string;
  reason: string;
}

export interface DemoStatements {
  ecitizen: { fileName: string; csv: string; notifications: number };
  mpesa: { fileName: string; csv: string; lines: number };
  /** The application each case was made for. */
  cases: Partial<Record<PaymentCase, string>>;
  /** What the officer does by hand once the files are in. */
  byHand: {
    match?: ByHand & { billRef: string };
    notOurs?: ByHand;
    refund?: ByHand;
  };
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const NAIROBI_MS = 3 * 3_600_000;
/** Nothing is paid after the demo's fixed "now" (and so never in the future of a real clock). */
const LATEST = Date.parse(DEMO_BASE_TIME);
const RECEIPT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const INVOICE_NUMBER_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const STRANGERS = ['JOSEPH MUTUA NZIOKA', 'LUCY WANGARI', 'HASSAN ABDI', 'BEATRICE CHEPKEMOI', 'MOSES OMONDI OTIENO'];

interface StatementLine {
  at: number;
  receipt: string;
  details: string;
  status: 'Completed' | 'Failed';
  paidInCents: number;
  withdrawnCents: number;
  reasonType: string;
  otherParty: string;
  linked: string;
  account: string;
}

interface Notification {
  at: number;
  invoiceNumber: string;
  reference: string;
  amountCents: number;
  invoiceAmountCents: number;
  channel: string;
  phone: string;
  status: string;
}

interface Payer {
  name: string;
  /** As the statement shows it: the number, masked, or hashed. */
  shown: string;
  /** As eCitizen shows it. */
  phone: string;
}

/**
 * Builds both files. `invoices` are the approved applications the statements may pay, in
 * submission order; `knownBillRefs` every bill reference in the database (a mistyped reference
 * must not be one mistake away from another invoice).
 */
export function buildDemoStatements(
  rng: Random,
  seed: number,
  invoices: readonly DemoInvoice[],
  rejected: readonly DemoRejectedApplication[],
  knownBillRefs: ReadonlySet<string>,
): DemoStatements {
  const lines: StatementLine[] = [];
  const notifications: Notification[] = [];
  const cases: Partial<Record<PaymentCase, string>> = {};
  const byHand: DemoStatements['byHand'] = {};
  const receipts = new Set<string>();
  const invoiceNumbers = new Set<string>();

  const receipt = (at: number): string => {
    const d = new Date(at + NAIROBI_MS);
    for (;;) {
      let r = String.fromCharCode(65 + d.getUTCFullYear() - 2006) + 'ABCDEFGHIJKL'[d.getUTCMonth()]! + '123456789ABCDEFGHIJKLMNOPQRSTUV'[d.getUTCDate() - 1]!;
      for (let i = 0; i < 7; i++) r += rng.pick([...RECEIPT_CHARS]);
      if (!receipts.has(r)) {
        receipts.add(r);
        return r;
      }
    }
  };
  // An eCitizen invoice number must not read as a bill reference: the statement line naming it
  // would then not be taken for the same payment.
  const invoiceNumber = (): string => {
    for (;;) {
      let n = '';
      for (let i = 0; i < 6; i++) n += rng.pick([...INVOICE_NUMBER_CHARS]);
      if (!invoiceNumbers.has(n) && !isValidBillRef(n)) {
        invoiceNumbers.add(n);
        return n;
      }
    }
  };
  const payerOf = (p: { firstName: string; middleName: string; lastName: string; phone: string | null }): Payer => {
    const name = [p.firstName, rng.chance(0.5) ? p.middleName : '', p.lastName].filter(Boolean).join(' ').toUpperCase();
    const phone = p.phone ?? `2547${String(rng.int(0, 99_999_999)).padStart(8, '0')}`; // a relative paid
    const shown = rng.weighted([
      [phone, 6],
      [`${phone.slice(0, 4)}******${phone.slice(-3)}`, 3],
      [sha256ish(rng), 1],
    ]);
    return {
      name,
      shown,
      phone: rng.weighted([
        [phone, 6],
        [`0${phone.slice(3)}`, 3],
        ['2.54712E+11', 1],
      ]),
    };
  };
  const stranger = (): Payer => {
    const phone = `2547${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    return { name: rng.pick(STRANGERS), shown: phone, phone };
  };
  const mpesa = (at: number, payer: Payer, account: string, cents: number, status: StatementLine['status'] = 'Completed'): string => {
    const r = receipt(at);
    lines.push({
      at,
      receipt: r,
      status,
      paidInCents: cents,
      withdrawnCents: 0,
      reasonType: 'Pay Bill Online',
      linked: '',
      account,
      details: `Pay Bill Online from ${payer.shown} - ${payer.name} Acc. ${account}`,
      otherParty: `${payer.shown} - ${payer.name}`,
    });
    return r;
  };
  const ecitizen = (at: number, payer: Payer, reference: string, dueCents: number, status = 'settled', via?: string): Notification => {
    const channel =
      via ??
      rng.weighted([
        ['MPESA', 7],
        ['card', 2],
        ['bank', 1],
      ] as const);
    const n: Notification = {
      at,
      invoiceNumber: invoiceNumber(),
      reference,
      invoiceAmountCents: dueCents,
      amountCents: dueCents + accessFeeCents(rng),
      channel,
      phone: channel === 'card' && rng.chance(0.5) ? '' : payer.phone,
      status,
    };
    notifications.push(n);
    return n;
  };
  /** A time from `lo` to `hi`, in the waking hours (06:30 to 22:00 Nairobi) when the range allows, to the second. */
  const between = (lo: number, hi: number): number => {
    if (hi <= lo) return Math.min(lo, LATEST);
    const t = lo + rng.next() * (hi - lo);
    const midnight = Math.floor((t + NAIROBI_MS) / DAY) * DAY - NAIROBI_MS;
    const awake = midnight + 6.5 * 3_600_000 + rng.int(0, 15.5 * 3_600) * 1000;
    return Math.floor(Math.min(hi, Math.max(lo, awake)) / 1000) * 1000;
  };
  /** When someone pays: some days after the application (and its approval), never after the demo's "now". */
  const paidAt = (inv: { submittedAt: string }, after = 0): number => {
    const submitted = Date.parse(inv.submittedAt);
    const lo = Math.max(after + 20 * MINUTE, submitted + Math.min(Math.max(0, LATEST - submitted) / 2, rng.int(1, 3) * DAY));
    return between(lo, Math.min(LATEST, lo + 8 * DAY));
  };
  const anyTime = (): number => between(LATEST - 30 * DAY, LATEST);

  // The special cases first, one invoice each; then the rest, most paid exactly.
  const queue = [...invoices];
  const take = (which: PaymentCase, fits: (inv: DemoInvoice) => boolean = () => true): DemoInvoice | undefined => {
    const i = queue.findIndex(fits);
    if (i < 0) return undefined;
    const [inv] = queue.splice(i, 1);
    cases[which] = inv!.applicationRef;
    return inv;
  };
  for (const which of PAYMENT_CASES) {
    const inv = take(which, which === 'national_id' ? (v) => v.onlyInvoice : undefined);
    if (!inv) continue;
    const payer = payerOf(inv);
    const due = inv.amountDueCents;
    switch (which) {
      case 'exact_reference':
        mpesa(paidAt(inv), payer, inv.billRef, due);
        break;
      case 'ecitizen_access_fee':
        ecitizen(paidAt(inv), payer, inv.billRef, due);
        break;
      case 'both_sources': {
        const at = paidAt(inv);
        const n = ecitizen(at, payer, inv.billRef, due, 'settled', 'MPESA');
        mpesa(at - 3_000, payer, n.invoiceNumber, n.amountCents);
        break;
      }
      case 'one_typo':
        mpesa(paidAt(inv), payer, oneTypo(rng, inv.billRef, knownBillRefs), due);
        break;
      case 'two_typos_by_hand': {
        const typed = twoTypos(rng, inv.billRef, knownBillRefs);
        const r = mpesa(paidAt(inv), payer, typed, due);
        byHand.match = {
          transactionId: r,
          billRef: inv.billRef,
          reason: `The payer's M-Pesa message shows account ${typed}: ${inv.billRef} with two characters swapped; name and amount agree.`,
        };
        break;
      }
      case 'two_typos_left':
        mpesa(paidAt(inv), payer, twoTypos(rng, inv.billRef, knownBillRefs), due);
        break;
      case 'lower_case_spaced':
        mpesa(paidAt(inv), payer, loosely(rng, inv.billRef), due);
        break;
      case 'partial_topped_up': {
        const first = Math.round(due / 2 / 10_000) * 10_000;
        const at = paidAt(inv);
        mpesa(at, payer, inv.billRef, first);
        mpesa(paidAt(inv, at), payer, inv.billRef, due - first);
        break;
      }
      case 'partial':
        mpesa(paidAt(inv), payer, inv.billRef, due - 100_000);
        break;
      case 'overpaid': {
        const at = paidAt(inv);
        mpesa(at, payer, inv.billRef, due);
        mpesa(paidAt(inv, at), payer, inv.billRef, due);
        break;
      }
      case 'failed_then_paid': {
        const at = paidAt(inv);
        mpesa(at, payer, inv.billRef, due, 'Failed');
        mpesa(Math.min(LATEST, at + rng.int(2, 40) * MINUTE), payer, inv.billRef, due);
        break;
      }
      case 'national_id':
        mpesa(paidAt(inv), payer, inv.nationalId, due);
        break;
      case 'board_name_left':
        mpesa(paidAt(inv), payer, 'KMLTTB', due);
        break;
    }
  }
  const unpaid: DemoInvoice[] = [];
  for (const inv of queue) {
    if (!rng.chance(PAID_SHARE)) {
      unpaid.push(inv);
      continue;
    }
    const payer = payerOf(inv);
    if (rng.chance(0.35)) ecitizen(paidAt(inv), payer, inv.billRef, inv.amountDueCents);
    else mpesa(paidAt(inv), payer, rng.chance(0.85) ? inv.billRef : loosely(rng, inv.billRef), inv.amountDueCents);
  }

  // Not for any open invoice.
  const wrong = rejected[0];
  if (wrong) {
    const typed = rng.chance(0.5) ? wrong.applicationRef : wrong.applicationRef.toLowerCase();
    const r = mpesa(paidAt(wrong), payerOf(wrong), typed, wrong.feeCents);
    byHand.refund = { transactionId: r, reason: `Paid for ${wrong.applicationRef}, which was rejected: no invoice to pay. Refund to the payer's M-Pesa.` };
  }
  const notOurs = mpesa(anyTime(), stranger(), `INV-${rng.int(2000, 9999)}`, rng.int(8, 60) * 5_000);
  byHand.notOurs = {
    transactionId: notOurs,
    reason: 'Not a licence payment: the payer meant another business paybill and was referred to Safaricom for a reversal.',
  };
  // Paid in by mistake and reversed by Safaricom the same day: neither line counts.
  const mistakeAt = anyTime();
  const mistake = mpesa(mistakeAt, stranger(), `0${rng.int(700_000_000, 799_999_999)}`, rng.int(2, 20) * 50_000);
  const mistakeLine = lines[lines.length - 1]!;
  const reversedAt = Math.min(LATEST, mistakeAt + rng.int(30, 300) * MINUTE);
  lines.push({
    at: reversedAt,
    receipt: receipt(reversedAt),
    status: 'Completed',
    paidInCents: 0,
    withdrawnCents: mistakeLine.paidInCents,
    reasonType: 'Reversal',
    details: 'Reversal',
    otherParty: mistakeLine.otherParty,
    linked: mistake,
    account: '',
  });
  // The paybill's own charges are withdrawals, not payments.
  for (const paid of lines.filter((l) => l.status === 'Completed' && l.paidInCents > 0).slice(0, 2)) {
    lines.push({
      at: Math.min(LATEST, paid.at + 1_000),
      receipt: receipt(paid.at),
      status: 'Completed',
      paidInCents: 0,
      withdrawnCents: rng.pick([2_200, 3_300, 5_200]),
      reasonType: 'Pay Bill Charge',
      details: 'Business Pay Bill Charge',
      otherParty: '',
      linked: paid.receipt,
      account: '',
    });
  }
  // eCitizen: an attempt still pending and one that failed, for invoices left unpaid; neither counts.
  for (const [inv, status] of [
    [unpaid[0], 'pending'],
    [unpaid[1], 'failed'],
  ] as const) {
    if (inv) ecitizen(paidAt(inv), payerOf(inv), inv.billRef, inv.amountDueCents, status);
  }

  return {
    ecitizen: { fileName: `demo-seed-${seed}-ecitizen-notifications.csv`, csv: ecitizenCsv(rng, notifications), notifications: notifications.length },
    mpesa: { fileName: `demo-seed-${seed}-mpesa-statement.csv`, csv: statementCsv(rng, lines), lines: lines.length },
    cases,
    byHand,
  };
}

/** eCitizen's access fee: KES 5 to 50 on top of the fee. */
function accessFeeCents(rng: Random): number {
  return (
    rng.weighted([
      [5, 1],
      [10, 1],
      [25, 2],
      [30, 2],
      [50, 4],
    ] as const) * 100
  );
}

/** M-Pesa may hide the payer's number behind a hash. */
function sha256ish(rng: Random): string {
  let h = '';
  for (let i = 0; i < 64; i++) h += '0123456789abcdef'[rng.int(0, 15)];
  return h;
}

/** How a payer types a reference loosely: lower case, spaces or dashes. The exact rule still matches it. */
function loosely(rng: Random, ref: string): string {
  const groups = ref.match(/.{1,4}/g)!;
  return rng.weighted([
    [groups.join(' ').toLowerCase(), 3],
    [ref.toLowerCase(), 2],
    [` ${groups.join('-')}`, 1],
    [`${ref.slice(0, 2)} ${ref.slice(2).toLowerCase()}`, 1],
  ]);
}

/** Keys next to each other on a phone keypad or keyboard. */
const NEIGHBOURS: Record<string, string> = {
  2: '3W',
  3: '24E',
  4: '35R',
  5: '46T',
  6: '57Y',
  7: '68U',
  8: '79',
  9: '8',
  A: 'SQZ',
  B: 'VNGH',
  C: 'XVD',
  D: 'SFEC',
  E: 'WRD',
  F: 'DGRV',
  G: 'FHTB',
  H: 'GJYN',
  J: 'HKUM',
  K: 'JLM',
  L: 'K',
  M: 'NJK',
  N: 'BMHJ',
  P: 'L',
  Q: 'WA',
  R: 'ETF',
  S: 'ADWZ',
  T: 'RYG',
  U: 'YHJ',
  V: 'CBF',
  W: 'QES',
  X: 'ZCS',
  Y: 'TUH',
  Z: 'XAS',
};

/**
 * One character of the body replaced by a neighbouring key. The check character catches it, and
 * the one correction that names an invoice is this one.
 */
export function oneTypo(rng: Random, ref: string, known: ReadonlySet<string>): string {
  for (;;) {
    const i = rng.int(2, ref.length - 2);
    const options = [...(NEIGHBOURS[ref[i]!] ?? BILL_REF_ALPHABET)].filter((c) => c !== ref[i]);
    const typed = ref.slice(0, i) + rng.pick(options) + ref.slice(i + 1);
    if (oneCharacterCorrections(typed).every((c) => c === ref || !known.has(c))) return typed;
  }
}

/**
 * Two neighbouring characters swapped (two characters wrong): not a valid reference, and not one
 * mistake away from any invoice, so that nothing matches it automatically.
 */
export function twoTypos(rng: Random, ref: string, known: ReadonlySet<string>): string {
  const start = rng.int(2, ref.length - 3);
  for (let k = 0; k < ref.length; k++) {
    const i = 2 + ((start - 2 + k) % (ref.length - 3));
    if (ref[i] === ref[i + 1]) continue;
    const typed = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
    if (!isValidBillRef(typed) && !oneCharacterCorrections(typed).some((c) => known.has(c))) return typed;
  }
  // Every swap happened to read as a reference: change two characters instead.
  const chars = [...ref];
  chars[3] = chars[3] === 'X' ? 'Y' : 'X';
  chars[6] = chars[6] === 'X' ? 'Y' : 'X';
  return chars.join('');
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const row = (values: readonly string[]) => values.map(cell).join(',');

/** `16-11-2026 14:22:10`, Nairobi time, as the M-Pesa portal writes it. */
function statementTime(ms: number): string {
  const iso = new Date(ms + NAIROBI_MS).toISOString();
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

/** `2026-11-16 14:22:10+03:00`, as eCitizen exports it. */
function ecitizenTime(ms: number): string {
  return `${new Date(ms + NAIROBI_MS).toISOString().slice(0, 19).replace('T', ' ')}+03:00`;
}

/** The M-Pesa organisation portal's statement: a few lines about the account, then the lines, oldest first, with a running balance. */
function statementCsv(rng: Random, lines: StatementLine[]): string {
  const sorted = [...lines].sort((a, b) => a.at - b.at || a.receipt.localeCompare(b.receipt));
  const from = sorted[0]?.at ?? LATEST;
  let balance = rng.int(800_000, 1_600_000) * 100;
  const out = [
    row(['Account Holder:', 'Kenya Medical Laboratory Technicians and Technologists Board']),
    row(['Short Code:', '4021187']),
    row(['Account:', 'Utility Account']),
    row(['Time Period:', `From ${statementTime(from).slice(0, 10)} 00:00:00 To ${statementTime(LATEST)}`]),
    row(['Operator:', 'finance.officer']),
    row(['Report Date:', statementTime(LATEST)]),
    '',
    row([
      'Receipt No.',
      'Completion Time',
      'Initiation Time',
      'Details',
      'Transaction Status',
      'Paid In',
      'Withdrawn',
      'Balance',
      'Balance Confirmed',
      'Reason Type',
      'Other Party Info',
      'Linked Transaction ID',
      'A/C No.',
    ]),
  ];
  for (const l of sorted) {
    if (l.status === 'Completed') balance += l.paidInCents - l.withdrawnCents;
    out.push(
      row([
        l.receipt,
        statementTime(l.at),
        statementTime(l.at - rng.int(0, 4) * 1_000),
        l.details,
        l.status,
        l.paidInCents ? (rng.chance(0.7) ? formatKes(l.paidInCents, false) : (l.paidInCents / 100).toFixed(2)) : '',
        l.withdrawnCents ? `-${formatKes(l.withdrawnCents, false)}` : '',
        formatKes(balance, false),
        'true',
        l.reasonType,
        l.otherParty,
        l.linked,
        l.account,
      ]),
    );
  }
  return out.join('\r\n') + '\r\n';
}

/** eCitizen's notifications export, oldest first. */
function ecitizenCsv(rng: Random, notifications: Notification[]): string {
  const sorted = [...notifications].sort((a, b) => a.at - b.at || a.invoiceNumber.localeCompare(b.invoiceNumber));
  const amount = (cents: number) =>
    rng.weighted([
      [formatKes(cents, false), 2],
      [(cents / 100).toFixed(2), 2],
      [String(cents / 100), 1],
    ]);
  const out = [
    row(['invoice_number', 'client_invoice_ref', 'amount_paid', 'invoice_amount', 'currency', 'payment_date', 'payment_channel', 'phone_number', 'status']),
  ];
  for (const n of sorted) {
    out.push(
      row([
        n.invoiceNumber,
        n.reference,
        amount(n.amountCents),
        (n.invoiceAmountCents / 100).toFixed(2),
        'KES',
        ecitizenTime(n.at),
        n.channel,
        n.phone,
        n.status === 'settled'
          ? rng.weighted([
              ['settled', 8],
              ['Settled', 1],
              ['SETTLED', 1],
            ])
          : n.status,
      ]),
    );
  }
  return out.join('\r\n') + '\r\n';
}
