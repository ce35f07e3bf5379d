/** What a browser test reads of the API's KPI dashboard: the truth the screens must show. */
export interface Kpi {
  id: string;
  name: string;
  ownerPartnerId: string;
  series: Array<{ period: string; value: number }>;
  latest: number | null;
  statusHistory: Array<{ period: string; reportedAt: string }>;
}

export interface Dashboard {
  effects: Array<{ kpis: Kpi[] }>;
}

export const kpisOf = (dashboard: Dashboard): Kpi[] => dashboard.effects.flatMap((e) => e.kpis);

/** A number as the Dutch screens write it. */
export const formatNl = (value: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(value);
