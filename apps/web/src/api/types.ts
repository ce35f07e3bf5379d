import type { Phase } from '../../../../events/phase';
import type { Problem } from './problem';

/** The answers the app reads, as ../shared api.md fixes them (fields the app does not use are left out). */
export interface PortfolioItem {
  id: string;
  title: string;
  problemArea: string;
  phase: Phase;
  daysInPhase: number;
  partners: Array<{ partnerId: string; name: string; role: string; active: boolean }>;
  unmet: string[];
  nextPhase: Phase | null;
  attainment: number | null;
  nextReview: { id: string; dueOn: string; overdue: boolean } | null;
}

/** An unmet part of a gate condition as a code and what it names (see gate-findings.ts). */
export interface GateFinding {
  code: string;
  params: Record<string, string | number | string[]>;
}

export interface GateCheck {
  rule: string;
  met: boolean;
  unmet: string[];
  /** `unmet` as codes, line by line */
  findings?: GateFinding[];
}

export interface InitiativeState {
  id: string;
  title: string;
  problemArea: string;
  phase: Phase;
  revision: number;
  regisseurPartnerId: string;
  phaseEnteredAt: string;
  phaseHistory: Array<{ phase: Phase; enteredAt: string; leftAt: string | null }>;
  partners: Array<{ partnerId: string; name: string; role: string; competence: string; active: boolean; joinedAt: string; leftAt: string | null }>;
  desiredEffects: Array<{ id: string; description: string }>;
  kpis: Array<{ id: string; name: string; effectId: string; ownerPartnerId: string; unit: string }>;
  gate: { to: Phase | null; unmet: string[]; checklist: GateCheck[] };
}

export interface SeriesPoint {
  period: string;
  value: number;
}

export interface StatusPoint {
  period: string;
  value: number;
  status: string;
  target: number;
}

export interface KpiView {
  id: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  target: number;
  targetDate: string;
  frequency: string;
  ownerPartnerId: string;
  series: SeriesPoint[];
  latestPeriod: string | null;
  latest: number | null;
  attainment: number | null;
  expected: number | null;
  status: string;
  targetHistory: Array<{ target: number; targetDate: string; from: string; reason: string | null }>;
  statusHistory?: StatusPoint[];
}

export interface KpiDashboard {
  initiativeId: string;
  title: string;
  attainment: number | null;
  effects: Array<{ id: string; description: string; attainment: number | null; kpis: KpiView[] }>;
}

export interface Review {
  id: string;
  dueOn: string;
  reason: string | null;
  status: string;
  overdue: boolean;
  verdict: 'continue' | 'adjust' | 'dissolve' | null;
  rationale: string | null;
  returnTo: string | null;
  decidedBy: { sub: string; partner: string | null } | null;
  decidedAt: string | null;
  evidence: KpiDashboard | null;
}

export interface CommandAnswer {
  id?: string;
  revision: number;
  position: number;
}

export interface CsvRowResult {
  row: number;
  status: number;
  position?: number;
  problem?: Problem;
}

export interface AccessLogPage {
  entries: Array<{
    sequence: number;
    at: string;
    subject: string;
    partner: string | null;
    roles: string[];
    route: string;
    query: string;
    status: number;
    refused: boolean;
  }>;
  nextAfter: number | null;
}

export interface SignInOptions {
  token: boolean;
  demo: boolean;
  oidc: { authority: string; clientId: string; scope: string } | null;
}

export interface DemoUser {
  sub: string;
  roles: string[];
  partner?: string;
  partnerName?: string;
  token: string;
}
