import type { Role } from '../../libs/auth/src';
import type { Phase } from '../../events';
import type { Method } from '../support/initiative-fixtures';

/** Ids a route's path or body may need. */
export interface RouteIds {
  partnerId: string;
  /** a registered partner that does not take part yet */
  newcomerId: string;
  effectId: string;
  kpiId: string;
  waveId: string;
  reviewId: string;
}

export interface RouteCase {
  name: string;
  method: Method;
  /** below /api/initiatives/:id */
  path: (ids: RouteIds) => string;
  /** a body that passes validation (a string is CSV); undefined: no body */
  body?: (ids: RouteIds) => Record<string, unknown> | string;
  /** api.md's role column; admins always pass */
  roles: Role[];
  /** the phases in which the command is allowed */
  phases: Phase[] | 'any but dissolved';
  /** free-text fields, screened for personal data, trimmed, bounded */
  text?: string[];
  /** fields the body may leave out */
  optional?: string[];
  /** success status */
  status: number;
}

const PM: Role[] = ['programme-manager'];
const PM_MEMBER: Role[] = ['programme-manager', 'partner-member'];
const FROM_PILOT: Phase[] = ['pilot', 'integrate', 're-legitimise'];
const FROM_CO_DESIGN: Phase[] = ['co-design', ...FROM_PILOT];

export const csvFor = (ids: RouteIds, note = '') => `kpiId,period,value,partnerId,note\n${ids.kpiId},2026-Q4,50,${ids.partnerId},${note}\n`;

/** Every command route of api.md below /api/initiatives/:id. */
export const COMMAND_ROUTES: RouteCase[] = [
  {
    name: 'join a partner',
    method: 'post',
    path: () => '/partners',
    body: (i) => ({ partnerId: i.newcomerId, role: 'participant', competence: 'housing' }),
    roles: PM,
    phases: 'any but dissolved',
    text: ['competence'],
    status: 200,
  },
  { name: 'let a partner leave', method: 'delete', path: (i) => `/partners/${i.partnerId}`, roles: PM, phases: 'any but dissolved', status: 200 },
  {
    name: 'share a perspective',
    method: 'post',
    path: () => '/perspectives',
    body: (i) => ({ partnerId: i.partnerId, summary: 'our view' }),
    roles: PM_MEMBER,
    phases: ['explore'],
    text: ['summary'],
    status: 200,
  },
  {
    name: 'agree the shared picture',
    method: 'put',
    path: () => '/shared-picture',
    body: () => ({ summary: 'the picture' }),
    roles: PM,
    phases: ['explore'],
    text: ['summary'],
    status: 200,
  },
  {
    name: 'confirm urgency',
    method: 'post',
    path: () => '/urgency-confirmations',
    body: (i) => ({ partnerId: i.partnerId }),
    roles: PM_MEMBER,
    phases: ['explore'],
    status: 200,
  },
  {
    name: 'agree the problem definition',
    method: 'put',
    path: () => '/problem-definition',
    body: () => ({ statement: 'the problem' }),
    roles: PM,
    phases: ['define'],
    text: ['statement'],
    status: 200,
  },
  {
    name: 'define a desired effect',
    method: 'post',
    path: () => '/desired-effects',
    body: () => ({ description: 'an effect' }),
    roles: PM,
    phases: ['define'],
    text: ['description'],
    status: 201,
  },
  {
    name: 'state the intent',
    method: 'put',
    path: () => '/intent',
    body: () => ({ statement: 'the intent' }),
    roles: PM,
    phases: ['define'],
    text: ['statement'],
    status: 200,
  },
  {
    name: 'add a building block',
    method: 'post',
    path: () => '/building-blocks',
    body: (i) => ({ partnerId: i.partnerId, description: 'a block' }),
    roles: PM_MEMBER,
    phases: ['co-design'],
    text: ['description'],
    status: 201,
  },
  {
    name: 'commit a contribution',
    method: 'post',
    path: () => '/contributions',
    body: (i) => ({ partnerId: i.partnerId, description: 'two people', hoursPerMonth: 16 }),
    roles: PM_MEMBER,
    phases: ['co-design', 'pilot', 'integrate'],
    text: ['description'],
    optional: ['hoursPerMonth'],
    status: 201,
  },
  {
    name: 'define a KPI',
    method: 'post',
    path: () => '/kpis',
    body: (i) => ({
      name: 'a KPI',
      effectId: i.effectId,
      ownerPartnerId: i.partnerId,
      unit: '%',
      direction: 'increase',
      baseline: 1,
      target: 2,
      targetDate: '2027-12-31',
      frequency: 'quarterly',
    }),
    roles: PM,
    phases: ['co-design'],
    text: ['name', 'unit'],
    status: 201,
  },
  {
    name: 'draft the covenant',
    method: 'put',
    path: () => '/covenant',
    body: () => ({ purposes: ['signals'], dataCategories: ['case references'], legalBasis: 'public task', retentionMonths: 12 }),
    roles: PM,
    phases: FROM_CO_DESIGN,
    text: ['purposes', 'dataCategories', 'legalBasis'],
    status: 200,
  },
  {
    name: 'sign the covenant',
    method: 'post',
    path: () => '/covenant/signatures',
    body: (i) => ({ partnerId: i.partnerId, version: 1 }),
    roles: PM_MEMBER,
    phases: FROM_CO_DESIGN,
    status: 200,
  },
  {
    name: 'arrange technology',
    method: 'post',
    path: () => '/technology',
    body: () => ({ description: 'a board' }),
    roles: PM,
    phases: ['co-design'],
    text: ['description'],
    status: 200,
  },
  {
    name: 'start the pilot',
    method: 'post',
    path: () => '/pilot',
    body: () => ({ scope: 'one district', startsOn: '2026-01-01', endsOn: '2026-06-30' }),
    roles: PM,
    phases: ['pilot'],
    text: ['scope'],
    status: 200,
  },
  {
    name: 'record a pilot case',
    method: 'post',
    path: () => '/pilot/cases',
    body: (i) => ({ caseRef: 'C-1', partnerIds: [i.partnerId], learning: 'learned' }),
    roles: PM_MEMBER,
    phases: ['pilot'],
    text: ['caseRef', 'learning'],
    status: 201,
  },
  {
    name: 'record a lesson',
    method: 'post',
    path: () => '/lessons',
    body: () => ({ lesson: 'a lesson' }),
    roles: PM_MEMBER,
    phases: ['pilot', 'integrate'],
    text: ['lesson'],
    status: 201,
  },
  {
    name: 'evaluate the pilot',
    method: 'post',
    path: () => '/pilot/evaluation',
    body: () => ({ outcome: 'successful', rationale: 'it worked' }),
    roles: PM,
    phases: ['pilot'],
    text: ['rationale'],
    status: 200,
  },
  {
    name: 'record a measurement',
    method: 'post',
    path: (i) => `/kpis/${i.kpiId}/measurements`,
    body: (i) => ({ period: '2026-Q1', value: 50, partnerId: i.partnerId, note: 'a note' }),
    roles: PM_MEMBER,
    phases: FROM_PILOT,
    text: ['note'],
    optional: ['note'],
    status: 200,
  },
  {
    name: 'record measurements in bulk (CSV)',
    method: 'post',
    path: () => '/measurements',
    body: (i) => csvFor(i),
    roles: PM_MEMBER,
    phases: FROM_PILOT,
    status: 200,
  },
  {
    name: "revise a KPI's target",
    method: 'post',
    path: (i) => `/kpis/${i.kpiId}/target-revisions`,
    body: () => ({ target: 90, reason: 'a reason' }),
    roles: PM,
    phases: FROM_PILOT,
    text: ['reason'],
    status: 200,
  },
  {
    name: 'plan a roll-out wave',
    method: 'post',
    path: () => '/rollout-waves',
    body: (i) => ({ partnerIds: [i.partnerId], plannedStart: '2026-09-01' }),
    roles: PM,
    phases: ['integrate'],
    status: 201,
  },
  {
    name: 'complete a roll-out wave',
    method: 'post',
    path: (i) => `/rollout-waves/${i.waveId}/completion`,
    roles: PM_MEMBER,
    phases: ['integrate'],
    status: 200,
  },
  {
    name: 'appoint an ambassador',
    method: 'post',
    path: () => '/ambassadors',
    body: (i) => ({ partnerId: i.partnerId, role: 'team lead' }),
    roles: PM_MEMBER,
    phases: ['integrate'],
    text: ['role'],
    status: 200,
  },
  {
    name: 'schedule a review',
    method: 'post',
    path: () => '/reviews',
    body: () => ({ dueOn: '2027-01-15', reason: 'early' }),
    roles: ['programme-manager', 'steering-group'],
    phases: FROM_PILOT,
    text: ['reason'],
    optional: ['reason'],
    status: 201,
  },
  {
    name: 'give a verdict',
    method: 'post',
    path: (i) => `/reviews/${i.reviewId}/verdict`,
    body: () => ({ verdict: 'continue', rationale: 'on track' }),
    roles: ['steering-group'],
    phases: FROM_PILOT,
    text: ['rationale'],
    status: 200,
  },
  { name: 'advance', method: 'post', path: () => '/advance', body: () => ({ to: 'define' }), roles: PM, phases: 'any but dissolved', status: 200 },
  {
    name: 'return to co-design',
    method: 'post',
    path: () => '/return',
    body: () => ({ to: 'co-design', reason: 'the pilot failed' }),
    roles: PM,
    phases: ['pilot'],
    text: ['reason'],
    status: 200,
  },
];

/** A role the route's coarse check refuses. */
export const wrongRoleFor = (route: Pick<RouteCase, 'roles'>): Role =>
  (['partner-member', 'steering-group', 'programme-manager', 'analyst'] as Role[]).find((r) => !route.roles.includes(r))!;
