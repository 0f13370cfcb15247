import type { DashboardSummary } from '../../../shared/contract/insight.js';
import { hrefFor } from '../shell/routes.js';
import { BarList, Figure } from './Figures.js';

/** An approval officer's work: the queue by age, and what waits after a decision. */
export function OfficerDashboard({ s }: { s: DashboardSummary }) {
  const queue = s.queueByAge ?? [];
  const waiting = queue.reduce((n, b) => n + b.count, 0);
  return (
    <>
      <section className="dash-card" aria-labelledby="dash-queue">
        <h2 id="dash-queue">Applications waiting for a decision: {waiting.toLocaleString('en-KE')}</h2>
        <BarList
          label="Applications waiting, by days since submission"
          bars={queue.map((b) => ({ label: b.label, count: b.count, href: hrefFor('applications', 'submitted') }))}
        />
      </section>
      <section className="dash-card" aria-labelledby="dash-work">
        <h2 id="dash-work">Work waiting</h2>
        <ul className="dash-figures">
          <Figure label="Approved but unpaid" count={s.approvedUnpaid ?? 0} href={hrefFor('applications', 'approved')} />
          <Figure label="Payments unmatched" count={s.paymentsUnmatched ?? 0} href={hrefFor('payments', 'unmatched')} />
          <Figure label="Licences to dispatch" count={s.licencesToDispatch ?? 0} href={hrefFor('licences')} />
        </ul>
      </section>
    </>
  );
}
