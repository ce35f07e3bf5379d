import { byName, HOUSING, MENTAL_HEALTH, type Organisation, POLICE, PROBATION, ZVH_NOORD } from './organisations';
import {
  addBuildingBlocks,
  advance,
  type Cast,
  commitContributions,
  confirmUrgency,
  type Contribution,
  defineKpis,
  invite,
  type KpiPlan,
  overDays,
  type Participant,
  type PilotCase,
  recordLessons,
  recordPilotCases,
  reportPeriod,
  sharePerspectives,
  signCovenant,
  voiceOf,
} from './method';
import type { Scene } from './script';

/**
 * 3. Alkmaar's care-and-safety network for people with stacked problems who cause nuisance:
 * the municipality directs the police, mental-health care, a housing corporation, probation and the
 * care-and-safety house. It reaches its goals, its way of working becomes part of regular care,
 * and the steering group dissolves it — the method's point: a network is temporary on purpose.
 */

export const CARE_TITLE = 'Netwerk Personen met Verward Gedrag en meervoudige problematiek Alkmaar';
const ALKMAAR = byName('Gemeente Alkmaar');

const PARTNERS: ReadonlyArray<Participant & { perspective: string; block: string }> = [
  {
    organisation: POLICE,
    role: 'participant',
    competence: 'wijkagenten en de afhandeling van E33-meldingen; acute situaties',
    perspective:
      'E33-meldingen kosten de basisteams veel tijd; agenten staan vaak alleen voor situaties die om zorg vragen. Na een melding weten we niet of er iets gebeurt.',
    block: 'Wijkagenten melden E33-situaties direct bij het wijkaanspreekpunt en sluiten aan bij het wekelijkse wijkoverleg',
  },
  {
    organisation: MENTAL_HEALTH,
    role: 'participant',
    competence: 'acute psychiatrie, FACT-teams en bemoeizorg',
    perspective: 'Een deel van deze mensen wil of kan geen zorg vragen; bemoeizorg vraagt om informatie uit de woning en de wijk die wij nu niet krijgen.',
    block: 'Bemoeizorg binnen 48 uur na een zorgwekkende melding',
  },
  {
    organisation: HOUSING,
    role: 'participant',
    competence: 'huisvesting, woonbegeleiding en signalen van buren en huismeesters',
    perspective:
      'Huismeesters zien verwaarlozing en overlast als eersten. Zonder zorg eromheen eindigt het te vaak in een huisuitzetting, waarna de problemen groter worden.',
    block: 'Vroegsignalering van huurachterstand en overlast, en een time-out in plaats van ontruiming zolang het plan loopt',
  },
  {
    organisation: PROBATION,
    role: 'participant',
    competence: 'toezicht en begeleiding van justitiabelen met meervoudige problematiek',
    perspective: 'Bij justitiabelen met verward gedrag loopt het toezicht vast als zorg en wonen niet geregeld zijn.',
    block: 'Toezichtsvoorwaarden afgestemd op het gezamenlijke plan van aanpak',
  },
  {
    organisation: ZVH_NOORD,
    role: 'facilitator',
    competence: 'procesregie op complexe casuïstiek tussen zorg en straf',
    perspective: 'Complexe casussen komen pas bij ons als alles al is vastgelopen; eerder opschalen scheelt leed en capaciteit.',
    block: 'Procesregie en opschaling van vastgelopen casussen naar het casusoverleg',
  },
];
const EVERYONE: readonly Organisation[] = [ALKMAAR, ...PARTNERS.map((p) => p.organisation)];

const NUISANCE_REPORTS: KpiPlan = {
  name: 'E33-meldingen (verward gedrag) in Alkmaar-Noord en Overdie',
  owner: POLICE,
  unit: 'aantal per kwartaal',
  direction: 'decrease',
  baseline: 210,
  target: 140,
  targetDate: '2026-09-30',
  frequency: 'quarterly',
  values: { '2024-Q4': 212, '2025-Q1': 205, '2025-Q2': 192, '2025-Q3': 178, '2025-Q4': 168, '2026-Q1': 158, '2026-Q2': 150, '2026-Q3': 139 },
  notes: { '2024-Q4': 'nulmeting uit de meldingenregistratie, vóór de pilot', '2025-Q1': 'nulmeting, vóór de pilot' },
};
const ONE_PLAN: KpiPlan = {
  name: 'Personen met een sluitend plan van aanpak binnen vier weken',
  owner: ZVH_NOORD,
  unit: '%',
  direction: 'increase',
  baseline: 45,
  target: 85,
  targetDate: '2026-09-30',
  frequency: 'quarterly',
  values: { '2024-Q4': 44, '2025-Q1': 47, '2025-Q2': 58, '2025-Q3': 66, '2025-Q4': 72, '2026-Q1': 78, '2026-Q2': 82, '2026-Q3': 86 },
};
const EVICTIONS: KpiPlan = {
  name: 'Huisuitzettingen bij personen in de aanpak',
  owner: HOUSING,
  unit: 'aantal per kwartaal',
  direction: 'decrease',
  baseline: 6,
  target: 1,
  targetDate: '2026-09-30',
  frequency: 'quarterly',
  values: { '2024-Q4': 6, '2025-Q1': 6, '2025-Q2': 4, '2025-Q3': 3, '2025-Q4': 2, '2026-Q1': 2, '2026-Q2': 1, '2026-Q3': 1 },
};

const EFFECTS: ReadonlyArray<{ description: string; kpis: readonly KpiPlan[] }> = [
  { description: 'Minder overlast en onveilige situaties door personen met verward gedrag in de wijk', kpis: [NUISANCE_REPORTS] },
  { description: 'Iedereen in de aanpak heeft binnen vier weken één sluitend plan voor zorg, wonen en zo nodig toezicht', kpis: [ONE_PLAN] },
  { description: 'Personen in de aanpak behouden hun woning', kpis: [EVICTIONS] },
];

const CONTRIBUTIONS: readonly Contribution[] = [
  { by: ALKMAAR, text: 'Twee casusregisseurs en het wijkaanspreekpunt', hoursPerMonth: 48 },
  { by: POLICE, text: 'Wijkagenten in het wekelijkse wijkoverleg', hoursPerMonth: 12 },
  { by: MENTAL_HEALTH, text: 'Bemoeizorgteam voor de pilotwijken', hoursPerMonth: 32 },
  { by: HOUSING, text: 'Woonconsulent voor de aanpak', hoursPerMonth: 16 },
  { by: PROBATION, text: 'Reclasseringswerker als vaste contactpersoon', hoursPerMonth: 8 },
  { by: ZVH_NOORD, text: 'Procesregisseur voor vastgelopen casussen', hoursPerMonth: 16 },
];

const PILOT_CASES: readonly PilotCase[] = [
  {
    ref: 'CASE-2025-003',
    on: '2025-05-20',
    partners: [HOUSING, MENTAL_HEALTH, ALKMAAR],
    learning:
      'Dreigende ontruiming na maanden overlast: een time-out van de corporatie en bemoeizorg binnen twee dagen; de huurder bleef wonen en de overlast stopte. Leerpunt: de time-out werkt alleen met een vaste woonconsulent.',
  },
  {
    ref: 'CASE-2025-007',
    on: '2025-06-17',
    partners: [POLICE, MENTAL_HEALTH, ZVH_NOORD],
    learning: 'Herhaalde E33-meldingen: via het wekelijkse wijkoverleg kwam er binnen een week één plan in plaats van drie losse acties.',
  },
  {
    ref: 'CASE-2025-011',
    on: '2025-07-29',
    partners: [PROBATION, MENTAL_HEALTH, ALKMAAR],
    learning: 'Justitiabele met een verslaving: toezichtsvoorwaarden en behandeling werden op elkaar afgestemd; geen nieuwe meldingen tijdens de pilot.',
  },
  {
    ref: 'CASE-2025-019',
    on: '2025-09-02',
    partners: [ZVH_NOORD, POLICE, HOUSING],
    learning: 'Een vastgelopen casus met vijf partners werd binnen vijf werkdagen opgeschaald naar het casusoverleg; een crisissituatie bleef uit.',
  },
];

export async function careAndSafety(scene: Scene): Promise<void> {
  await scene.on('2024-12-02', '13:00');
  const pm = scene.programmeManager(ALKMAAR);
  for (const organisation of [HOUSING, ZVH_NOORD]) await scene.as(pm).register(organisation);

  // Stap 1: verkennen
  const network = await scene.as(pm).start({
    title: CARE_TITLE,
    problemArea: 'Overlast en onveiligheid door personen met verward gedrag en meervoudige problematiek (psychisch, verslaving, schulden, wonen)',
    regisseur: ALKMAAR,
    competence: 'regie op zorg en veiligheid in de wijk: Wmo, wijkteams en openbare orde',
  });
  const cast: Cast = { scene, network, regisseur: ALKMAAR, pm };
  await invite(cast, PARTNERS, '2024-12-03', 5);
  await sharePerspectives(
    cast,
    [
      {
        by: ALKMAAR,
        text: 'Meldingen van overlast komen bij wijkteams, politie en de corporatie binnen, maar niemand ziet het hele plaatje. Dezelfde personen komen steeds terug zonder dat er één plan is.',
      },
      ...PARTNERS.map((p) => ({ by: p.organisation, text: p.perspective })),
    ],
    '2024-12-09',
    2,
  );
  await scene.on('2025-01-13', '14:00');
  await scene.as(pm).do(network, 'AgreeSharedPicture', {
    summary:
      'Een kleine groep inwoners met een stapeling van psychische problemen, verslaving, schulden en woonproblemen veroorzaakt een groot deel van de overlast in Alkmaar-Noord en Overdie. Iedere partner ziet een stukje; samen hebben we het hele beeld, maar geen gezamenlijk plan.',
  });
  await confirmUrgency(cast, EVERYONE, '2025-01-14', 3);
  await advance(cast, '2025-01-27', 'define');

  // Stap 2: verdiepen
  await scene.on('2025-02-10', '13:00');
  await scene.as(pm).do(network, 'AgreeProblemDefinition', {
    statement:
      'Personen met verward gedrag en meervoudige problematiek krijgen losse interventies van afzonderlijke partners in plaats van één samenhangend plan, waardoor de overlast terugkeert, woningen verloren gaan en zorg te laat komt.',
  });
  await scene.on('2025-02-17', '13:00');
  const effectIds: string[] = [];
  for (const effect of EFFECTS) effectIds.push(await scene.as(pm).do(network, 'DefineDesiredEffect', { description: effect.description }));
  await scene.on('2025-02-24', '13:00');
  await scene.as(pm).do(network, 'StateIntent', {
    statement:
      'Samen zorgen dat iedereen met meervoudige problematiek in de wijk snel één passend plan krijgt, zodat die persoon stabiel woont en de buurt weer veilig en leefbaar is.',
  });
  await advance(cast, '2025-03-03', 'co-design');

  // Stap 3: gezamenlijke aanpak
  await addBuildingBlocks(
    cast,
    [
      { by: ALKMAAR, text: 'Eén aanspreekpunt per wijk dat meldingen bundelt en binnen vijf werkdagen een casusregisseur toewijst' },
      ...PARTNERS.map((p) => ({ by: p.organisation, text: p.block })),
    ],
    '2025-03-10',
    3,
  );
  await commitContributions(cast, CONTRIBUTIONS, '2025-03-17', 3);
  await scene.on('2025-03-24', '13:00');
  const kpis: Array<{ id: string; plan: KpiPlan }> = [];
  for (const [i, effect] of EFFECTS.entries()) {
    const ids = await defineKpis(cast, effectIds[i], effect.kpis);
    ids.forEach((id, j) => kpis.push({ id, plan: effect.kpis[j] }));
  }
  await scene.on('2025-03-31', '13:00');
  await scene.as(pm).do(network, 'DraftCovenant', {
    purposes: ['Eén gezamenlijk plan van aanpak per persoon met meervoudige problematiek', 'Voorkomen van escalatie, overlast en huisuitzetting'],
    dataCategories: [
      'Identificerende gegevens van de besproken persoon, alleen in het wijkoverleg',
      'Signalen van overlast en huurachterstand',
      'Zorggegevens alleen met toestemming of bij een zwaarwegend belang',
      'Toezichtgegevens voor zover nodig voor het plan van aanpak',
    ],
    legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub g; Wet verplichte ggz; Wmo 2015; Wet politiegegevens art. 20',
    retentionMonths: 24,
  });
  await signCovenant(cast, EVERYONE, 1, '2025-04-01', 2);
  await scene.on('2025-04-07', '13:00');
  await scene.as(pm).do(network, 'ArrangeTechnology', {
    description: 'Gedeelde casusregistratie voor het wijkoverleg, met één plan per casus en terugkoppeling aan de melder',
  });
  await advance(cast, '2025-04-14', 'pilot');

  // Stap 4: experimenteren en leren
  await scene.on('2025-04-15', '13:00');
  await scene.as(pm).do(network, 'StartPilot', {
    scope:
      'Alkmaar-Noord en Overdie: personen met drie of meer E33-meldingen in zes maanden krijgen één gezamenlijk plan voor zorg, wonen en zo nodig toezicht',
    startsOn: '2025-05-01',
    endsOn: '2025-09-30',
  });
  await reportPeriod(cast, '2024-Q4', '2025-04-24', kpis, '13:00');
  await reportPeriod(cast, '2025-Q1', '2025-04-24', kpis, '13:30');
  await recordPilotCases(cast, PILOT_CASES.slice(0, 2));
  await recordLessons(cast, [{ on: '2025-06-24', lesson: 'Een vast wekelijks wijkoverleg werkt beter dan afstemming per casus.' }]);
  await reportPeriod(cast, '2025-Q2', '2025-07-10', kpis, '13:00');
  await recordPilotCases(cast, PILOT_CASES.slice(2));
  await recordLessons(cast, [{ on: '2025-09-16', by: HOUSING, lesson: 'Huismeesters melden eerder als ze terughoren wat er met hun melding is gebeurd.' }]);
  await reportPeriod(cast, '2025-Q3', '2025-10-09', kpis, '13:00');
  await scene.on('2025-10-13', '14:00');
  await scene.as(pm).do(network, 'EvaluatePilot', {
    outcome: 'successful',
    rationale:
      'Alle pilotcasussen kregen binnen vier weken één plan; de E33-meldingen in de pilotwijken daalden en er volgde geen enkele huisuitzetting bij personen in de aanpak. De partners nemen de werkwijze over in hun reguliere werk.',
  });
  await advance(cast, '2025-10-20', 'integrate');

  // Stap 5: integreren
  await scene.on('2025-10-21', '13:00');
  const firstWave = await scene
    .as(pm)
    .do(network, 'PlanRolloutWave', { partnerIds: [POLICE, MENTAL_HEALTH].map((p) => scene.idOf(p)), plannedStart: '2025-11-03' });
  const secondWave = await scene
    .as(pm)
    .do(network, 'PlanRolloutWave', { partnerIds: [HOUSING, PROBATION, ZVH_NOORD].map((p) => scene.idOf(p)), plannedStart: '2026-01-05' });
  await overDays(
    scene,
    '2025-10-28',
    3,
    [
      { partner: POLICE, role: 'ambassadeur in het basisteam Alkmaar' },
      { partner: MENTAL_HEALTH, role: 'ambassadeur bemoeizorg' },
      { partner: HOUSING, role: 'ambassadeur onder de huismeesters' },
    ],
    ({ partner, role }) => scene.as(voiceOf(cast, partner)).do(network, 'AppointAmbassador', { partnerId: scene.idOf(partner), role }),
    '13:00',
  );
  await scene.on('2025-12-19', '16:00');
  await scene.as(scene.member(MENTAL_HEALTH)).do(network, 'CompleteRolloutWave', { waveId: firstWave });
  await reportPeriod(cast, '2025-Q4', '2026-01-12', kpis, '13:00');
  await scene.on('2026-02-13', '16:00');
  await scene.as(scene.member(HOUSING)).do(network, 'CompleteRolloutWave', { waveId: secondWave });
  await advance(cast, '2026-02-23', 're-legitimise');

  // Stap 6: alert blijven op het bestaansrecht — and knowing when to stop
  await scene.on('2026-02-24', '13:00');
  const firstReview = await scene.as(pm).do(network, 'ScheduleReview', { dueOn: '2026-05-29', reason: 'toets op het bestaansrecht' });
  await reportPeriod(cast, '2026-Q1', '2026-04-13', kpis, '13:00');
  await scene.on('2026-05-26', '14:00');
  await scene
    .as(scene.steeringGroup(MENTAL_HEALTH))
    .conclude(
      network,
      firstReview,
      'continue',
      'De effecten zijn bijna bereikt, maar de werkwijze is nog niet overal in de reguliere zorg geborgd. Voortzetten tot het najaar, met de opdracht de overdracht naar de reguliere structuur voor te bereiden.',
    );
  const chair = scene.steeringGroup(ALKMAAR);
  await scene.on('2026-05-27', '13:00');
  const finalReview = await scene
    .as(chair)
    .do(network, 'ScheduleReview', { dueOn: '2026-10-30', reason: 'toets op het bestaansrecht: overdracht naar de reguliere zorg' });
  await reportPeriod(cast, '2026-Q2', '2026-07-13', kpis, '13:00');
  await reportPeriod(cast, '2026-Q3', '2026-10-08', kpis, '13:00');
  await scene.on('2026-10-20', '14:00');
  await scene
    .as(chair)
    .conclude(
      network,
      finalReview,
      'dissolve',
      'Doel bereikt: de E33-meldingen in de pilotwijken zijn met een derde gedaald, iedereen in de aanpak heeft binnen vier weken één sluitend plan en huisuitzettingen komen nauwelijks nog voor. De werkwijze is opgenomen in het reguliere casusoverleg van het Zorg- en Veiligheidshuis Noord-Holland Noord en de wijkteams; een apart netwerk voegt niets meer toe.',
    );
}
