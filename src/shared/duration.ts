/**
 * A span of hours as people say it: minutes under an hour, hours under two days, days after
 * that ("46.6 days", not "1117.5"), one decimal at most, grouped as in Kenya ("1,117.5 hours").
 */
export function formatDuration(hours: number): string {
  const h = Math.max(0, hours);
  if (h < 1) return counted(Math.round(h * 60), 'minute');
  if (h < 48) return counted(h, 'hour');
  return counted(h / 24, 'day');
}

/** The same span in hours, for a second reading beside it: "1,117.5 hours". */
export function formatHours(hours: number): string {
  return counted(Math.max(0, hours), 'hour');
}

function counted(n: number, unit: string): string {
  const rounded = Math.round(n * 10) / 10;
  const text = rounded.toLocaleString('en-KE', { maximumFractionDigits: 1 });
  return `${text} ${rounded === 1 ? unit : `${unit}s`}`;
}
