import type { Response, Test } from 'supertest';
import type { Role } from '../../libs/auth/src';
import type { Initiative } from '../../libs/initiative/src';
import type { PartnerKind, Phase } from '../../events';
import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import type { HistoryItem } from '../../apps/api/src/initiatives/queries/initiative.view';
import type { TestApp } from './test-app';

// Helpers that drive the real API the way a network would: register partners, start an
// initiative, do each phase's work and advance. Every helper goes through HTTP, so what they
// produce is exactly what a client could produce; they fail loudly with the problem body.

export interface PartnerSpec {
  name: string;
  kind: PartnerKind;
}
export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
}

/** The network of the e2e walk: a municipality directs, police, prosecutor and mental-health care take part. */
export const HAARLEM_NETWORK = {
  haarlem: { name: 'Gemeente Haarlem', kind: 'municipality' },
  police: { name: 'Politie Noord-Holland', kind: 'police' },
  prosecutor: { name: 'Openbaar Ministerie', kind: 'public-prosecutor' },
  ggz: { name: 'GGZ Noord-Holland-Noord', kind: 'care' },
} as const satisfies Record<string, PartnerSpec>;

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface SendOptions {
  /** a bearer token; none sends no Authorization header */
  token?: string;
  headers?: Record<string, string>;
  /** a string is sent as text/csv */
  body?: object | string;
}

/** The initiative document GET /api/initiatives/:id answers. */
export type InitiativeDocument = Omit<Initiative, 'started'> & {
  revision: number;
  gate: {
    to: Phase | null;
    unmet: string[];
    checklist: Array<{ rule: string; met: boolean; unmet: string[]; findings: Array<{ code: string; params: Record<string, unknown> }> }>;
  };
};

/**
 * A supertest answer with its body typed as what the test reads (supertest types every body `any`).
 * `Answer` alone keeps that `any`, so it is a drop-in for `Response`.
 */
export type Answer<B = Response['body']> = Omit<Response, 'body'> & { body: B };

/** What a command that creates something answers: its id besides revision and position. */
export type Created = CommandAnswer & { id: string };

/** The body of an answer that is an RFC 9457 problem (application/problem+json). */
export const problemOf = (res: { body: unknown }): ProblemDocument => res.body as ProblemDocument;

/** The body of an answer, typed as what the test reads (the API's own view types where they exist). */
export const bodyOf = <B>(res: { body: unknown }): B => res.body as B;

/** Throws with the answer's body when the status is not the expected one (or not 2xx). */
export async function expectStatus(test: Test | Promise<Response>, status?: number): Promise<Response> {
  const res = await test;
  const ok = status === undefined ? res.status >= 200 && res.status < 300 : res.status === status;
  if (!ok) {
    const req = (res as unknown as { req?: { method?: string; path?: string } }).req;
    throw new Error(`${req?.method ?? ''} ${req?.path ?? ''} answered ${res.status}, expected ${status ?? '2xx'}: ${JSON.stringify(res.body ?? res.text)}`);
  }
  return res;
}

/** Like expectStatus, with the body typed as `B`: what the test reads (the API's own view types where they exist). */
export const expectAnswer = <B>(test: Test | Promise<Response>, status?: number): Promise<Answer<B>> => expectStatus(test, status);

/** A client of one test app: tokens per role and partner, partner registration, raw requests. */
export class Regie {
  private readonly tokens = new Map<string, Promise<string>>();
  constructor(readonly t: TestApp) {}

  token(roles: Role | Role[], partnerId?: string, sub?: string): Promise<string> {
    const list = Array.isArray(roles) ? roles : [roles];
    const subject = sub ?? `${list.join('+')}@${partnerId ?? 'none'}`;
    const key = `${subject}|${list.join(',')}|${partnerId ?? ''}`;
    if (!this.tokens.has(key)) this.tokens.set(key, this.t.token({ sub: subject, roles: list, ...(partnerId && { partner: partnerId }) }));
    return this.tokens.get(key)!;
  }

  admin = () => this.token('admin', undefined, 'admin');
  pm = (p: Partner, sub?: string) => this.token('programme-manager', p.id, sub);
  member = (p: Partner, sub?: string) => this.token('partner-member', p.id, sub);
  steering = (p: Partner, sub?: string) => this.token('steering-group', p.id, sub);
  analyst = (p: Partner, sub?: string) => this.token('analyst', p.id, sub);

  send(method: Method, path: string, options: SendOptions = {}): Test {
    let test = this.t.http()[method](path);
    if (options.token) test = test.set('Authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) test = test.set(name, value);
    if (typeof options.body === 'string') return test.set('Content-Type', 'text/csv').send(options.body);
    if (options.body !== undefined) return test.send(options.body);
    return test;
  }

  async registerPartner(spec: PartnerSpec): Promise<Partner> {
    const res = await expectAnswer<Created>(this.send('post', '/api/partners', { token: await this.admin(), body: spec }), 201);
    return { id: res.body.id, ...spec };
  }

  async registerPartners<K extends string>(specs: Record<K, PartnerSpec>): Promise<Record<K, Partner>> {
    const out = {} as Record<K, Partner>;
    for (const key of Object.keys(specs) as K[]) out[key] = await this.registerPartner(specs[key]);
    return out;
  }
}

export interface StartOptions {
  regisseur: Partner;
  /** joined as participants right after the start */
  others?: Partner[];
  title?: string;
  problemArea?: string;
}

export interface KpiOptions {
  effectId: string;
  owner: Partner;
  name?: string;
  frequency?: 'monthly' | 'quarterly' | 'yearly';
  baseline?: number;
  target?: number;
}

/**
 * One initiative, driven through HTTP by its regisseur's programme manager unless told otherwise.
 * The `complete…` helpers do only what the current state still lacks, so they also work after a
 * return to an earlier phase.
 */
export class InitiativeWalk {
  private constructor(
    readonly regie: Regie,
    readonly id: string,
    readonly regisseur: Partner,
    readonly partners: Partner[],
  ) {}

  static async start(regie: Regie, options: StartOptions): Promise<InitiativeWalk> {
    const res = await expectAnswer<Created>(
      regie.send('post', '/api/initiatives', {
        token: await regie.pm(options.regisseur),
        body: {
          title: options.title ?? 'Samen tegen ondermijning in Schalkwijk',
          problemArea: options.problemArea ?? 'subversive crime',
          regisseurPartnerId: options.regisseur.id,
        },
      }),
      201,
    );
    const walk = new InitiativeWalk(regie, res.body.id, options.regisseur, [options.regisseur]);
    for (const partner of options.others ?? []) await walk.join(partner);
    return walk;
  }

  /** An initiative that already exists, e.g. after restarting the app on the same data directory. */
  static of(regie: Regie, id: string, regisseur: Partner, partners: Partner[] = [regisseur]): InitiativeWalk {
    return new InitiativeWalk(regie, id, regisseur, [...partners]);
  }

  path = (suffix = ''): string => `/api/initiatives/${this.id}${suffix}`;
  pm = (): Promise<string> => this.regie.pm(this.regisseur);

  /** A request to this initiative's `suffix`, as the regisseur's programme manager unless `token` says otherwise. */
  async send<B = Response['body']>(method: Method, suffix: string, options: SendOptions = {}): Promise<Answer<B>> {
    return this.regie.send(method, this.path(suffix), { ...options, token: 'token' in options ? options.token : await this.pm() });
  }

  /** Like send, and fails the test unless the answer is 2xx (or `status`). */
  async ok<B = Response['body']>(method: Method, suffix: string, body?: object | string, options: SendOptions & { status?: number } = {}): Promise<Answer<B>> {
    return expectAnswer<B>(this.send(method, suffix, { ...options, body }), options.status);
  }

  async state(token?: string): Promise<InitiativeDocument> {
    return (await expectAnswer<InitiativeDocument>(this.regie.send('get', this.path(), { token: token ?? (await this.regie.admin()) }), 200)).body;
  }

  async history(): Promise<HistoryItem[]> {
    return (await expectAnswer<HistoryItem[]>(this.regie.send('get', this.path('/history'), { token: await this.regie.admin() }), 200)).body;
  }

  async revision(): Promise<number> {
    return (await this.state()).revision;
  }

  async join(partner: Partner, role: 'facilitator' | 'participant' | 'regisseur' = 'participant'): Promise<void> {
    await this.ok('post', '/partners', { partnerId: partner.id, role, competence: `${partner.kind} expertise` });
    if (!this.partners.some((p) => p.id === partner.id)) this.partners.push(partner);
  }

  async advance(to: Phase): Promise<Answer<CommandAnswer>> {
    return this.ok('post', '/advance', { to });
  }

  /** The active partners as the initiative knows them, however they joined. */
  private async activePartners(): Promise<Partner[]> {
    const state = await this.state();
    return state.partners
      .filter((p) => p.active)
      .map((p) => this.partners.find((k) => k.id === p.partnerId) ?? { id: p.partnerId, name: p.name, kind: 'other' });
  }

  async completeExplore(): Promise<void> {
    const state = await this.state();
    for (const p of await this.activePartners()) {
      if (!state.perspectives.some((x) => x.partnerId === p.id)) {
        await this.ok('post', '/perspectives', { partnerId: p.id, summary: `How ${p.name} sees the problem` }, { token: await this.regie.member(p) });
      }
      if (!state.urgencyConfirmations.some((x) => x.partnerId === p.id)) {
        await this.ok('post', '/urgency-confirmations', { partnerId: p.id }, { token: await this.regie.member(p) });
      }
    }
    if (!state.sharedPicture) await this.ok('put', '/shared-picture', { summary: 'Criminal networks recruit youngsters in Schalkwijk' });
  }

  async completeDefine(): Promise<void> {
    const state = await this.state();
    if (!state.problemDefinition) await this.ok('put', '/problem-definition', { statement: 'Signals of recruitment reach no one who can act on them' });
    if (!state.desiredEffects.length) await this.defineEffect('Fewer youngsters recruited by criminal networks');
    if (!state.intent) await this.ok('put', '/intent', { statement: 'Act together before a youngster is drawn in' });
  }

  async defineEffect(description: string): Promise<string> {
    return (await this.ok<Created>('post', '/desired-effects', { description })).body.id;
  }

  async defineKpi(options: KpiOptions): Promise<string> {
    const res = await this.ok<Created>('post', '/kpis', {
      name: options.name ?? 'Signals handled within two weeks',
      effectId: options.effectId,
      ownerPartnerId: options.owner.id,
      unit: '%',
      direction: 'increase',
      baseline: options.baseline ?? 40,
      target: options.target ?? 80,
      targetDate: '2027-12-31',
      frequency: options.frequency ?? 'quarterly',
    });
    return res.body.id;
  }

  /** Drafts a covenant version and answers its number. */
  async draftCovenant(legalBasis = 'public task (art. 6(1)(e) GDPR)'): Promise<number> {
    const res = await this.ok<CommandAnswer & { version: number }>('put', '/covenant', {
      purposes: ['sharing signals between partners'],
      dataCategories: ['anonymous case references'],
      legalBasis,
      retentionMonths: 24,
    });
    return res.body.version;
  }

  /** Every active partner that has not signed the current version signs it, each by its own member. */
  async signCovenantByAll(): Promise<void> {
    const { covenant } = await this.state();
    if (!covenant) return;
    for (const p of await this.activePartners()) {
      if (!covenant.signedBy.includes(p.id)) {
        await this.ok('post', '/covenant/signatures', { partnerId: p.id, version: covenant.version }, { token: await this.regie.member(p) });
      }
    }
  }

  async completeCoDesign(): Promise<void> {
    const state = await this.state();
    const active = await this.activePartners();
    for (const p of active) {
      if (!state.buildingBlocks.some((b) => b.partnerId === p.id)) {
        await this.ok(
          'post',
          '/building-blocks',
          { partnerId: p.id, description: `${p.name} brings its ${p.kind} expertise` },
          { token: await this.regie.member(p) },
        );
      }
    }
    const owner = active.find((p) => p.id !== this.regisseur.id) ?? this.regisseur;
    for (const effect of state.desiredEffects) {
      if (!state.kpis.some((k) => k.effectId === effect.id)) await this.defineKpi({ effectId: effect.id, owner });
    }
    if (!state.covenant) await this.draftCovenant();
    await this.signCovenantByAll();
  }

  async completePilot(): Promise<void> {
    const state = await this.state();
    if (!state.pilot) await this.ok('post', '/pilot', { scope: 'Schalkwijk, 40 cases', startsOn: '2026-01-05', endsOn: '2026-06-30' });
    if (!state.pilot?.evaluation) await this.ok('post', '/pilot/evaluation', { outcome: 'successful', rationale: 'Signals were picked up within days' });
    await this.signCovenantByAll();
  }

  async completeIntegrate(): Promise<void> {
    let state = await this.state();
    if (!state.rolloutWaves.length) {
      await this.ok('post', '/rollout-waves', { partnerIds: (await this.activePartners()).map((p) => p.id), plannedStart: '2026-09-01' });
      state = await this.state();
    }
    for (const wave of state.rolloutWaves.filter((w) => !w.completedAt)) await this.ok('post', `/rollout-waves/${wave.id}/completion`);
    if (!state.ambassadors.length) await this.ok('post', '/ambassadors', { partnerId: this.regisseur.id, role: 'district team lead' });
    await this.signCovenantByAll();
  }

  /** Does each phase's work and advances until the initiative is in `phase` (re-legitimise at most). */
  async walkTo(phase: Phase): Promise<void> {
    const order: Phase[] = ['explore', 'define', 'co-design', 'pilot', 'integrate', 're-legitimise'];
    const work: Partial<Record<Phase, () => Promise<void>>> = {
      explore: () => this.completeExplore(),
      define: () => this.completeDefine(),
      'co-design': () => this.completeCoDesign(),
      pilot: () => this.completePilot(),
      integrate: () => this.completeIntegrate(),
    };
    for (;;) {
      const current = (await this.state()).phase;
      if (current === phase) return;
      const i = order.indexOf(current);
      if (i < 0 || i >= order.indexOf(phase)) throw new Error(`cannot walk from ${current} to ${phase}`);
      await work[current]!();
      await this.advance(order[i + 1]);
    }
  }

  async scheduleReview(dueOn = '2027-01-15', reason?: string, token?: string): Promise<string> {
    const res = await this.ok<Created>(
      'post',
      '/reviews',
      { dueOn, ...(reason && { reason }) },
      { token: token ?? (await this.regie.steering(this.regisseur)) },
    );
    return res.body.id;
  }

  async verdict(
    reviewId: string,
    body: { verdict: 'continue' | 'adjust' | 'dissolve'; rationale: string; returnTo?: 'define' | 'co-design' },
    token?: string,
  ): Promise<Answer<CommandAnswer>> {
    return this.ok('post', `/reviews/${reviewId}/verdict`, body, { token: token ?? (await this.regie.steering(this.regisseur)) });
  }
}
