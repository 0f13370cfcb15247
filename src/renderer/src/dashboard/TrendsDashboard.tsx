import type { DashboardTrends, TrendWeek } from '../../../shared/contract/insight.js';
import { formatDuration } from '../../../shared/duration.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { BarChart } from './BarChart.js';

/** `07/09/2026` from `2026-09-07`. */
const dmy = (day: string) => day.split('-').reverse().join('/');

const WEEKLY: { key: keyof Omit<TrendWeek, 'weekOf'>; title: string; noun: string }[] = [
  { key: 'decisions', title: 'Decisions per week', noun: 'decisions' },
  { key: 'paymentsMatched', title: 'Payments matched per week', noun: 'payments matched' },
  { key: 'licencesCollected', title: 'Licences collected per week', noun: 'licences collected' },
];

/** "Decisions per week, …: 42 in all; the most, 9, in the week of 16/11/2026." */
function weeklyDescription(weeks: readonly TrendWeek[], key: keyof Omit<TrendWeek, 'weekOf'>, title: string, noun: string): string {
  const span = `${title}, the ${weeks.length} weeks from ${dmy(weeks[0]!.weekOf)} to ${dmy(weeks.at(-1)!.weekOf)}`;
  const total = weeks.reduce((n, w) => n + w[key], 0);
  if (total === 0) return `${span}: no ${noun}.`;
  const top = weeks.reduce((best, w) => (w[key] > best[key] ? w : best));
  return `${span}: ${total.toLocaleString('en-KE')} in all; the most, ${top[key].toLocaleString('en-KE')}, in the week of ${dmy(top.weekOf)}.`;
}

function officersDescription(officers: DashboardTrends['officers']): string {
  return `Median time from submission to decision for each officer over the same weeks: ${officers
    .map((o) => `${o.officer}, ${formatDuration(o.medianHours)} over ${o.decided.toLocaleString('en-KE')} decisions`)
    .join('; ')}.`;
}

/** The last twelve Nairobi weeks of work, as charts with their numbers a click away. */
export function TrendsDashboard() {
  const trends = useApiQuery('dashboard.trends', {});
  const t = trends.data;
  return (
    <section className="dash-card dash-wide" aria-labelledby="dash-trends">
      <h2 id="dash-trends">Trends, last 12 weeks</h2>
      <p className="muted">Weeks run Monday to Sunday, Nairobi time; each row is the week beginning that day.</p>
      <ErrorAlert error={trends.error} />
      {t && (
        <div className="trend-charts">
          {WEEKLY.map(({ key, title, noun }) => (
            <BarChart
              key={key}
              title={title}
              description={weeklyDescription(t.weeks, key, title, noun)}
              columns={['Week of', noun[0]!.toUpperCase() + noun.slice(1)]}
              bars={t.weeks.map((w) => ({ label: dmy(w.weekOf), value: w[key] }))}
            />
          ))}
          {t.officers.length === 0 ? (
            <p className="muted">No decisions in these weeks.</p>
          ) : (
            <BarChart
              title="Median time to decision per officer"
              description={officersDescription(t.officers)}
              columns={['Officer', 'Median time to decision']}
              bars={t.officers.map((o) => ({ label: o.officer, value: o.medianHours, valueText: formatDuration(o.medianHours) }))}
            />
          )}
        </div>
      )}
    </section>
  );
}
