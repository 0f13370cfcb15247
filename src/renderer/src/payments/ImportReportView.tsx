import type { PaymentImportReport } from '../../../shared/contract/payments.js';
import { DetailItem as Item } from '../components/DetailItem.js';
import { LineTable, lineNotes } from '../components/LineTable.js';
import { plural } from '../shell/labels.js';
import { AUTO_RULE_PHRASE, AUTO_RULES, FORMAT_LABEL } from './labels.js';

const REFERENCE_FROM: Record<string, string> = {
  'A/C No.': 'A/C No.',
  Details: 'Details ("Acc. …"): the statement has no A/C No. column',
  client_invoice_ref: 'client_invoice_ref',
};

/** What a payments file holds and what importing it does (or would do, on a dry run). */
export function ImportReportView({ report: r }: { report: PaymentImportReport }) {
  const matched = AUTO_RULES.reduce((n, rule) => n + r.matched[rule], 0);
  const blocked = r.problems.length > 0;
  return (
    <section className="import-report" aria-label="Import summary">
      <p>
        {r.dryRun ? 'Checked' : 'Imported'} <strong>{r.fileName}</strong>
        {blocked
          ? '.'
          : `: ${plural(r.added, 'new payment')} ${r.dryRun ? 'to add' : 'added'}, ${matched.toLocaleString('en-KE')} ${r.dryRun ? 'would be' : ''} matched, ${r.unmatched.toLocaleString('en-KE')} left unmatched.`}
      </p>
      <dl className="dl">
        <Item term="Format">{r.format ? (FORMAT_LABEL[r.format] ?? r.format) : 'Not recognised'}</Item>
        <Item term="Rows read">{r.rowsRead}</Item>
        {r.referenceFrom && <Item term="References read from">{REFERENCE_FROM[r.referenceFrom] ?? r.referenceFrom}</Item>}
        <Item term="New payments">{r.added}</Item>
        <Item term="Already known">{r.alreadyKnown}</Item>
        <Item term="Not counted">{r.notCounted.length}</Item>
        <Item term="Problems">{r.problems.length}</Item>
        {!blocked &&
          AUTO_RULES.map((rule) => (
            <Item key={rule} term={`${r.dryRun ? 'Would match' : 'Matched'}: ${AUTO_RULE_PHRASE[rule]}`}>
              {r.matched[rule]}
            </Item>
          ))}
        {!blocked && <Item term="Left unmatched">{r.unmatched}</Item>}
      </dl>
      {blocked && (
        <>
          <p className="warn" role="alert">
            {plural(r.problems.length, 'problem')} found. Nothing can be imported until the file is corrected.
          </p>
          <LineTable label="Problems in the file" heading="Problem" rows={lineNotes(r.problems)} />
        </>
      )}
      {r.warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <p className="muted">
            {plural(r.warnings.length, 'warning')} in <strong>{r.fileName}</strong>: these lines can be imported, but are worth knowing about.
          </p>
          <LineTable label="Warnings in the file" heading="Warning" rows={lineNotes(r.warnings)} />
        </>
      )}
      {r.notCounted.length > 0 && (
        <>
          <h3>Not counted</h3>
          <p className="muted">These lines are not payments to the Board (for example, not completed, or money paid out); they are left out.</p>
          <LineTable label="Lines not counted" heading="Reason" rows={r.notCounted.map((n) => ({ line: n.line, text: n.reason }))} />
        </>
      )}
    </section>
  );
}
