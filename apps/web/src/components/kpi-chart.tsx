import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { KpiView } from '../api/types';
import { formatDate, formatNumber, t } from '../i18n';
import { StatusBadge } from './status-badge';

/** Periods are `YYYY`, `YYYY-Qn` or `YYYY-MM` in UTC (domain.md); the chart puts each at its start. */
export const periodStart = (period: string): number => {
  const [year, part] = period.split('-');
  const month = !part ? 0 : part.startsWith('Q') ? (Number(part.slice(1)) - 1) * 3 : Number(part) - 1;
  return Date.UTC(Number(year), month, 1) / 1000;
};

const seconds = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / 1000;

/** The target in force at an instant: the latest revision made before it (targetHistory is in time order). */
const targetAt = (kpi: KpiView, at: number): number => {
  let target = kpi.targetHistory[0]?.target ?? kpi.target;
  for (const revision of kpi.targetHistory) if (seconds(revision.from) <= at) target = revision.target;
  return target;
};

export interface ChartData {
  x: number[];
  values: Array<number | null>;
  baseline: number[];
  target: number[];
  revisions: KpiView['targetHistory'];
}

/**
 * One point per measured period, then the target date: baseline and target run on to it, the
 * target as it was in force at each period, so a revision shows as a step.
 */
export const chartData = (kpi: KpiView): ChartData => {
  const x = kpi.series.map((p) => periodStart(p.period));
  const values: Array<number | null> = kpi.series.map((p) => p.value);
  const end = seconds(kpi.targetDate);
  if (!x.length || end > x[x.length - 1]) {
    x.push(end);
    values.push(null);
  }
  return {
    x,
    values,
    baseline: x.map(() => kpi.baseline),
    target: x.map((at, i) => (i === x.length - 1 && values[i] === null ? kpi.target : targetAt(kpi, at))),
    revisions: kpi.targetHistory.slice(1),
  };
};

/** Draws a dashed vertical line, labelled, where the target was revised. */
const revisionMarks = (revisions: ChartData['revisions']): uPlot.Plugin => ({
  hooks: {
    draw: (u) => {
      const { ctx } = u;
      ctx.save();
      ctx.strokeStyle = '#6b3fa0';
      ctx.fillStyle = '#6b3fa0';
      ctx.setLineDash([4, 4]);
      ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.textAlign = 'left';
      for (const revision of revisions) {
        const left = u.valToPos(seconds(revision.from), 'x', true);
        if (left < u.bbox.left || left > u.bbox.left + u.bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(left, u.bbox.top);
        ctx.lineTo(left, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.fillText(`${t().targetRevised}: ${revision.target}`, left + 4 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
      }
      ctx.restore();
    },
  },
});

export const KpiChart = ({ kpi, ownerName, forPrint = false }: { kpi: KpiView; ownerName?: string; forPrint?: boolean }) => {
  const host = useRef<HTMLDivElement>(null);
  const data = chartData(kpi);
  const points = data.values.filter((v) => v !== null).length;

  useEffect(() => {
    if (!host.current) return;
    // A4 portrait leaves about 680 CSS pixels between the margins.
    const width = forPrint ? 660 : Math.max(320, Math.min(host.current.clientWidth || 640, 900));
    const plot = new uPlot(
      {
        width,
        height: 240,
        scales: { x: { time: true } },
        legend: { show: true },
        plugins: [revisionMarks(data.revisions)],
        axes: [{}, { label: kpi.unit, size: 60 }],
        series: [
          { label: t().period },
          { label: t().value, stroke: '#1f4e99', width: 2, points: { show: true, size: 7, fill: '#1f4e99' }, spanGaps: false },
          { label: t().baseline, stroke: '#6b6b6b', width: 1, dash: [6, 4], points: { show: false } },
          { label: t().target, stroke: '#1d7a3a', width: 2, dash: [10, 5], points: { show: false }, paths: uPlot.paths.stepped!({ align: 1 }) },
        ],
      },
      [data.x, data.values, data.baseline, data.target] as uPlot.AlignedData,
      host.current,
    );
    return () => plot.destroy();
  }, [kpi, t()]);

  const captionId = `kpi-${kpi.id}-caption`;
  return (
    <figure class="kpi" data-kpi={kpi.id} aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <span class="kpi-name">{kpi.name}</span> <StatusBadge status={kpi.status} />
        <span class="kpi-facts">
          {t().latest}: <strong class="kpi-latest">{kpi.latest === null ? '—' : `${formatNumber(kpi.latest, 2)} ${kpi.unit}`}</strong>
          {kpi.latestPeriod ? ` (${kpi.latestPeriod})` : ''} · {t().baseline} {formatNumber(kpi.baseline, 2)} · {t().target} {formatNumber(kpi.target, 2)} (
          {formatDate(kpi.targetDate)}) · {t().direction[kpi.direction]}
          {ownerName ? ` · ${t().owner}: ${ownerName}` : ''}
        </span>
      </figcaption>
      <div class="chart" ref={host} data-points={points} aria-hidden="true" />
      {data.revisions.length ? (
        <ul class="revisions">
          {data.revisions.map((r) => (
            <li key={r.from}>
              {t().targetRevised} {formatDate(r.from)}: {r.target} ({formatDate(r.targetDate)}){r.reason ? ` — ${r.reason}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <details class="chart-table" open={forPrint}>
        <summary>
          {t().chartTable}: {kpi.name}
        </summary>
        <table>
          <caption class="visually-hidden">{kpi.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t().period}</th>
              <th scope="col">
                {t().value} ({kpi.unit})
              </th>
              <th scope="col">{t().target}</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {kpi.series.map((p) => {
              const status = kpi.statusHistory?.find((s) => s.period === p.period);
              return (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  <td>{formatNumber(p.value, 2)}</td>
                  <td>{formatNumber(status?.target ?? targetAt(kpi, periodStart(p.period)), 2)}</td>
                  <td>{status ? (t().status[status.status] ?? status.status) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
