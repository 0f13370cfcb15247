import type { DashboardSummary } from '../../../shared/contract/insight.js';
import { useSignedIn } from '../session/SessionContext.js';
import { hrefFor } from '../shell/routes.js';
import { BarList, Figure } from './Figures.js';

/** An RBTC clerk's centre: batches on their way, and licences waiting to be collected. */
export function ClerkDashboard({ s }: { s: DashboardSummary }) {
  const { user } = useSignedIn();
  const waiting = s.waitingByAge ?? [];
  const total = waiting.reduce((n, b) => n + b.count, 0);
  return (
    <>
      <section className="dash-card" aria-labelledby="dash-centre">
        <h2 id="dash-centre">Your centre: {user.centreName ?? 'not set'}</h2>
        <ul className="dash-figures">
          <Figure label="Batches on the way" count={s.batchesOnTheWay ?? 0} href={hrefFor('collection')} />
          <Figure label="Licences waiting for collection" count={total} href={hrefFor('collection')} />
        </ul>
      </section>
      <section className="dash-card" aria-labelledby="dash-waiting">
        <h2 id="dash-waiting">Licences waiting, by days at the centre</h2>
        <BarList label="Licences waiting, by days at the centre" bars={waiting.map((b) => ({ label: b.label, count: b.count, href: hrefFor('collection') }))} />
      </section>
    </>
  );
}
