/**
 * Readiness per task statement or syllabus item: an SVG bar chart with the assumed pass line,
 * followed by the same data as a table (the accessible alternative, and handy for everyone).
 * Bars carry their value and a word ("ready" / "not yet"), so colour is never the only signal.
 */
import { ASSUMED_PASS_FRACTION, type ReadinessRow } from '../../exam/index.ts';

export function ReadinessChart({ rows, title, id, short }: { rows: ReadinessRow[]; title: string; id: string; short?: boolean }) {
  if (rows.length === 0) return <p>No questions in this breakdown yet.</p>;
  const rowHeight = 28;
  const labelWidth = 70;
  const barWidth = 300;
  const valueWidth = 130;
  const width = labelWidth + barWidth + valueWidth;
  const height = rows.length * rowHeight + 24;
  const passX = labelWidth + barWidth * ASSUMED_PASS_FRACTION;
  const ready = rows.filter((r) => r.ready).length;
  const percent = (f: number) => `${Math.round(f * 100)}%`;
  return (
    <figure className="readiness" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="readiness-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {`${ready} of ${rows.length} at or above the assumed pass line of ${percent(ASSUMED_PASS_FRACTION)}. `}
          {rows.map((r) => `${r.id}: ${percent(r.fraction)} (${r.correct} of ${r.total})`).join('; ')}. The table below has the same data.
        </desc>
        {rows.map((row, i) => {
          const y = i * rowHeight + 4;
          const w = Math.max(2, barWidth * row.fraction);
          return (
            <g key={row.id}>
              <text x={0} y={y + 17} className="chart-label">
                {row.id}
              </text>
              <rect x={labelWidth} y={y + 4} width={barWidth} height={rowHeight - 10} className="chart-track" />
              <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 10} className={row.ready ? 'chart-bar chart-bar-ready' : 'chart-bar chart-bar-weak'} />
              <text x={labelWidth + barWidth + 8} y={y + 17} className="chart-value">
                {percent(row.fraction)} {row.ready ? '✓ ready' : '✗ not yet'}
              </text>
            </g>
          );
        })}
        <line x1={passX} x2={passX} y1={0} y2={height - 18} className="chart-pass-line" />
        <text x={passX} y={height - 4} textAnchor="middle" className="chart-pass-label">
          pass line (assumed {percent(ASSUMED_PASS_FRACTION)})
        </text>
      </svg>
      <table className="readiness-table">
        <caption className="visually-hidden">{title}, as a table</caption>
        <thead>
          <tr>
            <th scope="col">{short ? 'Item' : 'Area'}</th>
            <th scope="col">Correct</th>
            <th scope="col">Share</th>
            <th scope="col">Readiness</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                {row.id} {row.label}
              </th>
              <td>
                {row.correct} of {row.total}
              </td>
              <td>{percent(row.fraction)}</td>
              <td>{row.ready ? 'Ready' : 'Not yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
