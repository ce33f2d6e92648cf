/**
 * The lab environment as an SVG diagram: one column per kind of resource (network, compute, data,
 * keys, identity, account-wide), each resource a box marked with its findings (symbol and word, not
 * colour alone), and the relations the lab's checks name as arrows. The same data follows as a list
 * for screen readers and for copying names.
 */
import type { EnvironmentView } from '../../console/environment.ts';

const columnTitles: Record<string, string> = {
  network: 'Network',
  compute: 'Compute',
  data: 'Data',
  keys: 'Keys and secrets',
  identity: 'Identity',
  monitoring: 'Monitoring',
  account: 'Account-wide',
  other: 'Other',
};
const order = ['network', 'compute', 'data', 'keys', 'identity', 'monitoring', 'account', 'other'];
const statusText = { pass: '✓ passing', fail: '✗ failing', unknown: '? not checkable', 'not-checked': '○ not checked' } as const;

const boxW = 220;
const boxH = 64;
const colGap = 60;
const rowGap = 24;
const top = 34;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export default function EnvironmentDiagram({ environment }: { environment: EnvironmentView }) {
  const columns = order.map((kind) => ({ kind, nodes: environment.nodes.filter((n) => n.kind === kind) })).filter((c) => c.nodes.length > 0);
  const place = new Map<string, { x: number; y: number }>();
  columns.forEach((column, c) => column.nodes.forEach((node, r) => place.set(node.id, { x: 10 + c * (boxW + colGap), y: top + r * (boxH + rowGap) })));
  const width = 20 + columns.length * boxW + Math.max(0, columns.length - 1) * colGap;
  const height = top + Math.max(1, ...columns.map((c) => c.nodes.length)) * (boxH + rowGap);
  const failing = environment.nodes.filter((n) => n.status === 'fail').length;
  const summary = `${environment.nodes.length} resources; ${failing} with failing checks${environment.checkedAt ? '' : ' (not checked yet)'}.`;

  return (
    <section className="lab-environment" aria-labelledby="environment-heading">
      <h2 id="environment-heading">Environment</h2>
      <p className="muted small">
        {summary} {environment.checkedAt ? 'Marked with the findings of your last check.' : 'Press Check to mark each resource with its findings.'}
      </p>
      <div className="diagram-scroll" tabIndex={0} aria-label="Environment diagram (scrolls sideways)">
        <svg className="environment-diagram" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`Diagram of the lab environment: ${summary}`}>
          <defs>
            <marker id="env-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 10 5 0 10z" fill="currentColor" />
            </marker>
          </defs>
          {columns.map((column, c) => (
            <text key={column.kind} x={10 + c * (boxW + colGap)} y={18} className="column-title">
              {columnTitles[column.kind]}
            </text>
          ))}
          {environment.edges.map((edge) => {
            const a = place.get(edge.from);
            const b = place.get(edge.to);
            if (!a || !b) return null;
            const forward = b.x >= a.x;
            const x1 = forward ? a.x + boxW : a.x;
            const x2 = forward ? b.x : b.x + boxW;
            const y1 = a.y + boxH / 2;
            const y2 = b.y + boxH / 2;
            const mid = (x1 + x2) / 2;
            return (
              <path key={`${edge.from}-${edge.to}`} d={`M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`} className="edge" markerEnd="url(#env-arrow)">
                <title>{edge.label}</title>
              </path>
            );
          })}
          {environment.nodes.map((node) => {
            const at = place.get(node.id)!;
            return (
              <g key={node.id} transform={`translate(${at.x} ${at.y})`} className={`node node-${node.status}`} data-node={node.id} data-status={node.status}>
                <title>{`${node.title} (${node.type}): ${node.checks.map((c) => `${c.status} — ${c.title}`).join('; ') || 'not checked'}`}</title>
                <rect width={boxW} height={boxH} rx={6} />
                <text x={10} y={20} className="node-title">
                  {clip(node.title, 27)}
                </text>
                <text x={10} y={38} className="node-id">
                  {clip(node.id, 28)}
                </text>
                <text x={10} y={55} className="node-status">
                  {statusText[node.status]}
                  {node.counts.fail + node.counts.pass + node.counts.unknown > 0 && ` (${node.counts.pass} of ${node.counts.fail + node.counts.pass + node.counts.unknown} checks pass)`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <details>
        <summary>The environment as a list</summary>
        <ul className="environment-list">
          {environment.nodes.map((node) => (
            <li key={node.id}>
              {node.title}: <code>{node.id}</code> ({node.type}) — {statusText[node.status]}
              {node.checks.length > 0 && (
                <ul>
                  {node.checks.map((c, i) => (
                    <li key={i}>
                      {statusText[c.status]}: {c.title}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          {environment.edges.map((e) => (
            <li key={`${e.from}>${e.to}`}>
              <code>{e.from}</code> → <code>{e.to}</code>: {e.label}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
