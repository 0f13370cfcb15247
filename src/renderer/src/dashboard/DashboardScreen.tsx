import { useState } from 'react';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useCan, useSignedIn } from '../session/SessionContext.js';
import { ClerkDashboard } from './ClerkDashboard.js';
import { OfficerDashboard } from './OfficerDashboard.js';
import { OverviewDashboard } from './OverviewDashboard.js';
import { TrendsDashboard } from './TrendsDashboard.js';

/** The figures move as colleagues work; a minute is fresh enough for a first screen. */
export const DASHBOARD_REFRESH_MS = 60_000;

/** The first screen after sign-in: what waits for this person's role, each number leading to the grid behind it. */
export function DashboardScreen() {
  const { user } = useSignedIn();
  const seesTrends = useCan('application.read');
  const [year, setYear] = useState<number | undefined>(undefined);
  const summary = useApiQuery('dashboard.summary', year ? { licenceYear: year } : {}, { keepPrevious: true, refetchInterval: DASHBOARD_REFRESH_MS });
  const s = summary.data;
  return (
    <section className="screen dashboard-screen" aria-labelledby="dashboard-title" aria-busy={summary.isFetching || undefined}>
      <div className="screen-head">
        <h1 id="dashboard-title">Dashboard</h1>
        <span className="muted">Welcome, {user.fullName}</span>
      </div>
      <ErrorAlert error={summary.error} />
      {!s ? (
        summary.isPending && <p className="muted">Loading the figures…</p>
      ) : (
        <div className="dash-grid">
          {s.queueByAge && <OfficerDashboard s={s} />}
          {s.waitingByAge && <ClerkDashboard s={s} />}
          {s.funnel && <OverviewDashboard s={s} onYear={setYear} />}
          {seesTrends && <TrendsDashboard />}
        </div>
      )}
    </section>
  );
}
