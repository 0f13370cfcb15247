import type { DashboardSummary } from '../../../shared/contract/insight.js';
import { formatDuration, formatHours } from '../../../shared/duration.js';
import { useApiQuery } from '../api/hooks.js';
import { SelectField } from '../components/SelectField.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useCan } from '../session/SessionContext.js';
import { hrefFor } from '../shell/routes.js';
import { BarList, Figure } from './Figures.js';

const STAGE_LABEL: Record<string, string> = {
  submitted: 'Submitted',
  approved: 'Approved',
  paid: 'Paid',
  licensed: 'Licensed',
  collected: 'Collected',
};

function percent(part: number, whole: number): string {
  return `${whole === 0 ? 0 : Math.round((part / whole) * 100)}% of submitted`;
}

interface Props {
  s: DashboardSummary;
  onYear: (year: number) => void;
}

/** Auditors and administrators: the licence year's funnel, each officer's turnaround, SMS trouble. */
export function OverviewDashboard({ s, onYear }: Props) {
  const canReadSms = useCan('sms.read');
  const canReport = useCan('application.read');
  const facets = useApiQuery('applications.facets', {}, { enabled: canReport });
  const years = [...new Set([...(facets.data?.licenceYears ?? []), ...(s.licenceYear ? [s.licenceYear] : [])])].sort((a, b) => b - a);
  const funnel = s.funnel ?? [];
  const submitted = funnel[0]?.count ?? 0;
  const turnaround = s.turnaround ?? [];
  return (
    <>
      <section className="dash-card dash-wide" aria-labelledby="dash-funnel">
        <div className="dash-card-head">
          <h2 id="dash-funnel">Applications funnel, licence year {s.licenceYear}</h2>
          {years.length > 1 && (
            <SelectField
              label="Licence year"
              options={years.map((y) => ({ value: String(y), label: String(y) }))}
              value={String(s.licenceYear ?? '')}
              onChange={(e) => onYear(Number(e.target.value))}
            />
          )}
        </div>
        <BarList
          label={`Funnel for licence year ${s.licenceYear}`}
          bars={funnel.map((f) => ({
            label: STAGE_LABEL[f.stage] ?? f.stage,
            count: f.count,
            note: f.stage === 'submitted' ? undefined : percent(f.count, submitted),
          }))}
        />
        <p className="muted">Each stage counts the applications that reached it, including those that went further.</p>
      </section>
      <section className="dash-card" aria-labelledby="dash-turnaround">
        <h2 id="dash-turnaround">Turnaround per officer</h2>
        <p className="muted">From submission to the officer's decision, for this licence year.</p>
        {turnaround.length === 0 ? (
          <p className="muted">No decisions yet for this licence year.</p>
        ) : (
          <SimpleTable
            label="Turnaround per officer"
            headings={['Officer', { label: 'Decided', className: 'num' }, { label: 'Median time to decision', className: 'num' }]}
            frame={null}
          >
            {turnaround.map((t) => (
              <tr key={t.officer}>
                <td>{t.officer}</td>
                <td className="num">{t.decided.toLocaleString('en-KE')}</td>
                <td className="num">
                  <span title={formatHours(t.medianHours)}>{formatDuration(t.medianHours)}</span>
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
        {canReport && (
          <p>
            <a href={hrefFor('reports', 'turnaround')}>Turnaround report by month</a>
          </p>
        )}
      </section>
      <section className="dash-card" aria-labelledby="dash-sms">
        <h2 id="dash-sms">SMS needing attention</h2>
        <ul className="dash-figures">
          <Figure label="SMS failed" count={s.smsFailed ?? 0} href={canReadSms ? hrefFor('sms', 'failed') : undefined} />
          <Figure label="SMS uncertain" count={s.smsUncertain ?? 0} href={canReadSms ? hrefFor('sms', 'uncertain') : undefined} />
        </ul>
      </section>
    </>
  );
}
