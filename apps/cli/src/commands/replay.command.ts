import { parseArgs } from 'node:util';
import { InvalidAsOf, parseAsOf, type AsOf } from '../../../api/src/history/as-of';
import type { HistorySource } from '../../../api/src/history/history-views';
import { NO_SNAPSHOTS, ReadStoreSnapshots } from '../../../api/src/history/snapshots';
import { InvalidThresholds, whatIfThresholds } from '../../../api/src/history/thresholds';
import { openSealedEventStore } from '../../../../libs/data-keys/src';
import { eventStoreConfigFromEnv } from '../../../../libs/event-store/src';
import type { Actor } from '../../../../libs/initiative/src';
import type { KpiDashboard, PortfolioItem, StatusThresholds } from '../../../../libs/projections/src';
import { createReadStore, readStoreConfigFromEnv, type OpenedReadStore } from '../../../../libs/read-store/src';
import type { CliCommand } from './cli-command';

/** Whoever holds the store holds every initiative: the CLI reads as an admin would. */
const CLI_ACTOR: Actor = { sub: 'cli:replay', roles: ['admin'] };

const USAGE = 'replay --as-of <date|instant> [--initiative <id>] [--tolerance <0..1> --risk-tolerance <0..1>] [--no-snapshots]';

type Row = Record<string, string>;

/** Rows as an aligned plain-text table; numbers right-aligned. */
export const plainTable = (columns: string[], rows: Row[], numeric: ReadonlySet<string> = new Set()): string => {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((v, i) => (numeric.has(columns[i]) ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n') + '\n';
};

const number = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined ? '-' : String(Math.round(x * 10 ** digits) / 10 ** digits);

export function portfolioTable(items: PortfolioItem[]): string {
  const rows = items.map((i) => ({
    id: i.id,
    title: i.title,
    phase: i.phase,
    'days in phase': String(i.daysInPhase),
    attainment: number(i.attainment),
    unmet: String(i.unmet.length),
    'next review': i.nextReview ? `${i.nextReview.dueOn}${i.nextReview.overdue ? ' (overdue)' : ''}` : '-',
  }));
  return plainTable(['id', 'title', 'phase', 'days in phase', 'attainment', 'unmet', 'next review'], rows, new Set(['days in phase', 'attainment', 'unmet']));
}

/** One row per KPI and measured period (a KPI without measurements: one row, no-data). */
export function dashboardTable(dashboard: KpiDashboard): string {
  const rows: Row[] = [];
  for (const effect of dashboard.effects) {
    for (const k of effect.kpis) {
      if (!k.statusHistory.length)
        rows.push({ kpi: k.name, period: '-', value: '-', target: String(k.target), attainment: '-', expected: '-', status: k.status });
      for (const p of k.statusHistory) {
        rows.push({
          kpi: k.name,
          period: p.period,
          value: String(p.value),
          target: String(p.target),
          attainment: number(p.attainment),
          expected: number(p.expected),
          status: p.status,
        });
      }
    }
  }
  return plainTable(['kpi', 'period', 'value', 'target', 'attainment', 'expected', 'status'], rows, new Set(['value', 'target', 'attainment', 'expected']));
}

const decimal = (flag: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text.trim()))
    throw new InvalidThresholds(`--${flag} takes a number from 0 to 1, e.g. 0.2; got '${text}'`, flag === 'tolerance' ? 'tolerance' : 'riskTolerance');
  return Number(text);
};

/**
 * What the portfolio, or one initiative's joint KPI dashboard, showed at a moment: the API's own
 * as-of folds (apps/api/src/history), read straight from the store the environment names, with
 * the read store's snapshots (it leaves new ones behind, as the API does) unless --no-snapshots.
 * A bare date is 00:00 UTC of that day. With --tolerance/--risk-tolerance: the dashboard's
 * statuses under those thresholds, computed on a copy; nothing is written but snapshots.
 */
export const replayCommand: CliCommand = {
  summary: `the portfolio or an initiative's KPI dashboard as it was: ${USAGE}`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        'as-of': { type: 'string' },
        initiative: { type: 'string' },
        tolerance: { type: 'string' },
        'risk-tolerance': { type: 'string' },
        'no-snapshots': { type: 'boolean', default: false },
      },
    });
    let asOf: AsOf;
    let thresholds: StatusThresholds | undefined;
    try {
      if (values['as-of'] === undefined) throw new InvalidAsOf('--as-of is required: the date or instant to replay to, e.g. 2025-06-30', 'malformed');
      asOf = parseAsOf(values['as-of'], new Date());
      thresholds = whatIfThresholds({ tolerance: decimal('tolerance', values.tolerance), riskTolerance: decimal('risk-tolerance', values['risk-tolerance']) });
      if (thresholds && values.initiative === undefined) {
        throw new InvalidThresholds('--tolerance and --risk-tolerance apply to a KPI dashboard: name it with --initiative <id>', 'tolerance');
      }
    } catch (error) {
      if (!(error instanceof InvalidAsOf || error instanceof InvalidThresholds)) throw error;
      process.stderr.write(`${error.message.replace(/^asOf/, '--as-of')}\nusage: npm run cli -- ${USAGE}\n`);
      return 2;
    }

    // The folds (and the projections library behind them) load only once the arguments hold.
    const { InitiativeNotVisible, kpiDashboardAsOf, NotYetStarted, portfolioAsOf } = await import('../../../api/src/history/history-views');
    // Through the sealing store, like the app: read models and past views get text, or the erased marker.
    const store = await openSealedEventStore({ ...eventStoreConfigFromEnv(), dataKeySecret: process.env.DATA_KEY_SECRET || undefined });
    let readStore: OpenedReadStore | undefined;
    try {
      let snapshots = NO_SNAPSHOTS;
      if (!values['no-snapshots']) {
        readStore = await createReadStore(readStoreConfigFromEnv());
        const readStoreSnapshots = new ReadStoreSnapshots(readStore);
        await readStoreSnapshots.init();
        snapshots = readStoreSnapshots;
      }
      const source: HistorySource = { store, snapshots };
      if (values.initiative !== undefined) {
        const dashboard = await kpiDashboardAsOf(source, values.initiative, CLI_ACTOR, { asOf, thresholds });
        const whatIf = thresholds ? ` under tolerance ${thresholds.tolerance}, riskTolerance ${thresholds.riskTolerance} (what if)` : '';
        process.stdout.write(
          `KPI dashboard of ${dashboard.title} (${values.initiative}) as of ${asOf.iso}${whatIf}; attainment ${number(dashboard.attainment)}\n\n`,
        );
        process.stdout.write(dashboardTable(dashboard));
      } else {
        const { items } = await portfolioAsOf(source, CLI_ACTOR, asOf);
        process.stdout.write(`portfolio as of ${asOf.iso}: ${items.length} initiative${items.length === 1 ? '' : 's'}\n\n`);
        if (items.length) process.stdout.write(portfolioTable(items));
      }
      return 0;
    } catch (error) {
      if (error instanceof InitiativeNotVisible) {
        process.stderr.write(`there is no initiative '${values.initiative}' in this store\n`);
        return 1;
      }
      if (error instanceof NotYetStarted) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await readStore?.close();
      await store.close();
    }
  },
};
