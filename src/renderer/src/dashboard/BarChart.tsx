import { useId } from 'react';
import { SimpleTable } from '../components/SimpleTable.js';

export interface ChartBar {
  label: string;
  value: number;
  /** The value as people read it, e.g. "2.5 days"; the count otherwise. */
  valueText?: string;
}

interface Props {
  title: string;
  /** What the chart shows, said to screen readers with the title. */
  description: string;
  bars: readonly ChartBar[];
  /** The table's column headings: what a bar is, and what its value is. */
  columns: [string, string];
}

const ROW = 22;
const LABEL_W = 110;
const VALUE_W = 70;
const WIDTH = 460;

const textOf = (b: ChartBar) => b.valueText ?? b.value.toLocaleString('en-KE');

/**
 * A bar chart in inline SVG, one row per bar: an image named by its title and described in words,
 * with its numbers as a table under "Show as table".
 */
export function BarChart({ title, description, bars, columns }: Props) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const track = WIDTH - LABEL_W - VALUE_W;
  return (
    <figure className="bar-chart">
      <figcaption className="chart-caption">{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${bars.length * ROW + 4}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = i * ROW + 2;
          const w = (b.value / max) * track;
          return (
            <g key={b.label}>
              <text x={LABEL_W - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
                {b.label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={track} height={ROW - 6} className="chart-track" />
              {b.value > 0 && <rect x={LABEL_W} y={y + 3} width={Math.max(2, w)} height={ROW - 6} className="chart-bar" />}
              <text x={LABEL_W + track + 8} y={y + ROW / 2} dominantBaseline="middle" className="chart-value">
                {textOf(b)}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="chart-table">
        <summary>Show as table</summary>
        <SimpleTable label={title} headings={[columns[0], { label: columns[1], className: 'num' }]}>
          {bars.map((b) => (
            <tr key={b.label}>
              <td>{b.label}</td>
              <td className="num">{textOf(b)}</td>
            </tr>
          ))}
        </SimpleTable>
      </details>
    </figure>
  );
}
