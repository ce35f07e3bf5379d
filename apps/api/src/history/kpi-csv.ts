import type { KpiDashboard } from '../../../../libs/projections/src';

export const KPI_CSV_COLUMNS = [
  'kpiId', 'kpiName', 'effectId', 'unit', 'direction', 'period', 'value', 'target', 'targetDate', 'attainment', 'expected', 'status',
] as const;

type Cell = string | number | null;

/** RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
export const csvField = (value: Cell): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvLine = (cells: readonly Cell[]): string => cells.map(csvField).join(',');

/**
 * The dashboard as a table for spreadsheets: one row per KPI and measured period, in the
 * dashboard's order (effects, their KPIs, periods). Each row carries the target in force when the
 * period was (last) reported and the status right after it: what the statuses were judged by. A
 * KPI without measurements has no rows. Lines end in CRLF, the header first.
 */
export function kpiCsv(dashboard: KpiDashboard): string {
  const lines = [csvLine(KPI_CSV_COLUMNS)];
  for (const effect of dashboard.effects) {
    for (const kpi of effect.kpis) {
      for (const p of kpi.statusHistory) {
        lines.push(csvLine([
          kpi.id, kpi.name, effect.id, kpi.unit, kpi.direction, p.period, p.value, p.target, p.targetDate, p.attainment, p.expected, p.status,
        ]));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
