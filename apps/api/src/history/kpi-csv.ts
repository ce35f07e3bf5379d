import type { KpiDashboard } from '../../../../libs/projections/src';

export const KPI_CSV_COLUMNS = [
  'kpiId',
  'kpiName',
  'effectId',
  'unit',
  'direction',
  'period',
  'value',
  'target',
  'targetDate',
  'attainment',
  'expected',
  'status',
] as const;

type Cell = string | number | null;

/**
 * Text that a spreadsheet would run as a formula (= + - @, and tab or carriage return, which some
 * read past) gets a leading apostrophe: a KPI name or unit typed by a partner must not become a
 * formula on an analyst's machine (CSV injection, OWASP). Numbers are written as they are: -3 is
 * a value, not a formula.
 */
const neutralised = (value: Cell): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};

/** RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
export const csvField = (value: Cell): string => {
  const text = neutralised(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvLine = (cells: readonly Cell[]): string => cells.map(csvField).join(',');

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark; other readers need none. */
export const UTF8_BOM = '\uFEFF';

/**
 * The dashboard as a table for spreadsheets: one row per KPI and measured period, in the
 * dashboard's order (effects, their KPIs, periods). Each row carries the target in force when the
 * period was (last) reported and the status right after it: what the statuses were judged by. A
 * KPI without measurements still has its row, with empty period, value, attainment and expected,
 * its current target and status no-data, so that every KPI the network agreed on is in the sheet.
 * Lines end in CRLF, the header first.
 */
export function kpiCsv(dashboard: KpiDashboard, options: { bom?: boolean } = {}): string {
  const lines = [csvLine(KPI_CSV_COLUMNS)];
  for (const effect of dashboard.effects) {
    for (const kpi of effect.kpis) {
      if (!kpi.statusHistory.length) {
        lines.push(csvLine([kpi.id, kpi.name, effect.id, kpi.unit, kpi.direction, null, null, kpi.target, kpi.targetDate, null, null, 'no-data']));
      }
      for (const p of kpi.statusHistory) {
        lines.push(
          csvLine([kpi.id, kpi.name, effect.id, kpi.unit, kpi.direction, p.period, p.value, p.target, p.targetDate, p.attainment, p.expected, p.status]),
        );
      }
    }
  }
  return `${options.bom ? UTF8_BOM : ''}${lines.join('\r\n')}\r\n`;
}
