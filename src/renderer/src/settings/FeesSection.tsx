import { useState, type FormEvent } from 'react';
import type { FeeRow } from '../../../shared/contract/admin.js';
import { centsToDecimal, formatKes, parseAmountToCents } from '../../../shared/money.js';
import { nairobiYear } from '../../../shared/time.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { SelectField } from '../components/SelectField.js';
import { useAnnounce } from '../shell/Announcer.js';
import { CADRE_LABEL } from '../shell/labels.js';
import { SubmitActions } from '../components/SubmitActions.js';

const CADRES = Object.entries(CADRE_LABEL).map(([value, label]) => ({ value, label }));

/** Licence fees per cadre and year, in KES; sent as integer cents. */
export function FeesSection() {
  const announce = useAnnounce();
  const fees = useApiQuery('fees.list', {});
  const setFee = useApiCommand('fee.set');
  const [form, setForm] = useState({ cadre: 'technologist', licenceYear: String(nairobiYear(new Date())), amount: '' });
  const [problem, setProblem] = useState<string | null>(null);

  function edit(fee: FeeRow) {
    setForm({ cadre: fee.cadre, licenceYear: String(fee.licenceYear), amount: centsToDecimal(fee.amountCents) });
    setProblem(null);
    document.getElementById('fee-form')?.querySelector<HTMLInputElement>('input[inputmode="decimal"]')?.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmountToCents(form.amount);
    const year = Number(form.licenceYear);
    if (cents === null || cents < 0) return setProblem('Enter the amount in KES, for example 1500 or 1,500.00.');
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return setProblem('Enter a licence year such as 2026.');
    setProblem(null);
    setFee.mutate(
      { cadre: form.cadre as FeeRow['cadre'], licenceYear: year, amountCents: cents },
      { onSuccess: (f) => announce(`Fee for ${CADRE_LABEL[f.cadre]} ${f.licenceYear} set to ${formatKes(f.amountCents)}.`) },
    );
  }

  const rows = [...(fees.data ?? [])].sort((a, b) => b.licenceYear - a.licenceYear || a.cadre.localeCompare(b.cadre));
  return (
    <section aria-labelledby="fees-title">
      <h2 id="fees-title">Fees</h2>
      <p className="muted">Fees marked placeholder are demo values, not published by the Board: check them before use.</p>
      <ErrorAlert error={fees.error} />
      <SimpleTable
        label="Fees"
        headings={['Cadre', 'Licence year', { label: 'Amount', className: 'num' }, 'Note', 'Actions']}
        empty={rows.length === 0 && { text: 'No fees set yet.', loading: fees.isPending }}
      >
        {rows.map((f) => (
          <tr key={`${f.cadre}-${f.licenceYear}`}>
            <td>{CADRE_LABEL[f.cadre]}</td>
            <td>{f.licenceYear}</td>
            <td className="num">{formatKes(f.amountCents)}</td>
            <td>{f.placeholder && <span className="badge placeholder">placeholder</span>}</td>
            <td>
              <button type="button" aria-label={`Change fee for ${CADRE_LABEL[f.cadre]} ${f.licenceYear}`} onClick={() => edit(f)}>
                Change
              </button>
            </td>
          </tr>
        ))}
      </SimpleTable>
      <form id="fee-form" className="card inline-form" onSubmit={submit} aria-labelledby="fee-form-title" noValidate>
        <h3 id="fee-form-title">Set a fee</h3>
        <div className="form-grid">
          <SelectField label="Cadre" options={CADRES} value={form.cadre} onChange={(e) => setForm((f) => ({ ...f, cadre: e.target.value }))} />
          <Field label="Licence year" inputMode="numeric" value={form.licenceYear} onChange={(e) => setForm((f) => ({ ...f, licenceYear: e.target.value }))} />
          <Field
            label="Amount (KES)"
            inputMode="decimal"
            placeholder="1500.00"
            value={form.amount}
            onChange={(e) => setForm((f) => ({ ...f, amount: e.target.value }))}
            error={problem ?? undefined}
          />
        </div>
        <ErrorAlert error={setFee.error} />
        <SubmitActions label="Save fee" disabled={setFee.isPending} />
      </form>
    </section>
  );
}
