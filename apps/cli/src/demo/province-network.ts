import {
  byName,
  CHILD_PROTECTION,
  MENTAL_HEALTH,
  MUNICIPALITIES,
  type Municipality,
  NCTV,
  type Organisation,
  POLICE,
  PROBATION,
  PROSECUTOR,
  type Region,
  ZVH_GOOI,
  ZVH_KENNEMERLAND,
  ZVH_ZAANSTREEK,
} from './organisations';
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
  type Said,
  sharePerspectives,
  signCovenant,
  voiceOf,
} from './method';
import type { Scene } from './script';

/**
 * 1. The regional counter-terrorism, extremism and radicalisation network of Noord-Holland:
 * 32 municipalities with Haarlem as regisseur, the police, the public prosecutor, the NCTV, the
 * child-protection board, probation, mental-health care and three care-and-safety houses.
 * It walks all six steps in two years and is in its right-to-exist phase now, with two
 * 'continue' verdicts behind it and the next review ahead.
 */

export const PROVINCE_TITLE = 'Regionaal netwerk Contraterrorisme, Extremisme en Radicalisering Noord-Holland';
const HAARLEM = byName('Gemeente Haarlem');

// ── Step 1: verkennen ────────────────────────────────────────────────────────────────────────

const REGIONAL: ReadonlyArray<Participant & { perspective: string; block: string; contribution: Contribution }> = [
  {
    organisation: POLICE,
    role: 'participant',
    competence: 'informatiepositie en duiding van signalen; wijkagenten en de regionale eenheid contraterrorisme',
    perspective:
      'Het aantal signalen van online radicalisering onder jongeren stijgt, vaak zonder eerder politiecontact. Wij zien signalen vroeg, maar kunnen niet alles delen; zonder gezamenlijke weging blijft een deel liggen of wordt het alleen strafrechtelijk bekeken.',
    block: 'Vaste CT-contactpersoon per basisteam en een wekelijkse screening van nieuwe signalen vóór het casusoverleg',
    contribution: { by: POLICE, text: 'CT-contactpersonen in de basisteams en een analist voor de wekelijkse screening', hoursPerMonth: 48 },
  },
  {
    organisation: PROSECUTOR,
    role: 'participant',
    competence: 'strafrechtelijke weging en interventies, afgestemd op zorg en toezicht',
    perspective:
      'Strafrecht komt vaak te laat of is niet het passende middel. We willen eerder weten wanneer zorg of toezicht een strafrechtelijke interventie kan vervangen of versterken, en omgekeerd.',
    block: 'Strafrechtelijk advies binnen vijf werkdagen en afstemming van strafrechtelijke interventies met het plan van aanpak',
    contribution: { by: PROSECUTOR, text: 'Officier van justitie CTER als vast lid van het casusoverleg', hoursPerMonth: 12 },
  },
  {
    organisation: NCTV,
    role: 'facilitator',
    competence: 'landelijk dreigingsbeeld, duiding van fenomenen, lokale adviseurs en trainingen',
    perspective:
      'Het dreigingsbeeld laat zien dat radicalisering jonger en meer online wordt, en dat eenlingen met psychische problemen een groter deel van de dreiging vormen. Lokale netwerken zijn de plek waar dat beeld handelingsperspectief krijgt.',
    block: 'Duiding van fenomenen en landelijke trends per kwartaal, en de training signaleren van radicalisering voor professionals',
    contribution: { by: NCTV, text: 'Lokaal adviseur en trainers voor de training signaleren', hoursPerMonth: 24 },
  },
  {
    organisation: CHILD_PROTECTION,
    role: 'participant',
    competence: 'bescherming van minderjarigen; raadsonderzoek bij zorgen over radicalisering in gezinnen',
    perspective:
      'Bij minderjarigen en bij ouders die radicaliseren staan kinderen op het spel. Wij worden vaak pas betrokken als er al een strafzaak loopt, terwijl een vroeg consult meer kan voorkomen.',
    block: 'Vroeg consult bij minderjarigen en gezinnen, vóórdat een raadsonderzoek nodig is',
    contribution: { by: CHILD_PROTECTION, text: 'Raadsonderzoeker als vaste consulent bij casussen met minderjarigen', hoursPerMonth: 8 },
  },
  {
    organisation: PROBATION,
    role: 'participant',
    competence: 'risicotaxatie, toezicht en exit-begeleiding van justitiabelen',
    perspective:
      'Na detentie valt het netwerk rond een persoon weg: woning, werk, zorg. Of iemand na een exit-traject terugvalt, hangt vooral af van nazorg die geen partij alleen kan regelen.',
    block: 'Exit-begeleiding en risicotaxatie, met een warme overdracht naar gemeente en zorg na afloop van het toezicht',
    contribution: { by: PROBATION, text: 'Exit-begeleiders voor personen onder toezicht', hoursPerMonth: 32 },
  },
  {
    organisation: MENTAL_HEALTH,
    role: 'participant',
    competence: 'diagnostiek en behandeling; duiding van psychische kwetsbaarheid bij radicalisering',
    perspective:
      'Bij een deel van de casussen speelt psychische kwetsbaarheid een grote rol. Beroepsgeheim en onbekendheid met elkaars mogelijkheden maken dat zorg en veiligheid langs elkaar heen werken.',
    block: 'GGZ-consult in het casusoverleg en snelle toegang tot forensische diagnostiek',
    contribution: { by: MENTAL_HEALTH, text: 'GGZ-consulent en forensisch psychiater op afroep', hoursPerMonth: 20 },
  },
  ...(
    [
      [
        'Kennemerland',
        ZVH_KENNEMERLAND,
        'Het casusoverleg in Kennemerland werkt, maar de drempel voor kleine gemeenten om een casus in te brengen is hoog en de doorlooptijd van signaal tot plan is lang.',
      ],
      [
        'Zaanstreek-Waterland',
        ZVH_ZAANSTREEK,
        'In Zaanstreek-Waterland worden signalen van sleutelfiguren en jongerenwerk nog niet systematisch ingebracht; de informatie blijft hangen bij één partner.',
      ],
      [
        'Gooi en Vechtstreek',
        ZVH_GOOI,
        'In het Gooi komen weinig casussen binnen; daardoor ontbreekt routine en duurt het lang voordat de juiste partners aan tafel zitten.',
      ],
    ] as const
  ).map(([region, zvh, perspective]) => ({
    organisation: zvh,
    role: 'facilitator' as const,
    competence: `procesregie op complexe casuïstiek en veilige informatiedeling tussen straf- en zorgpartners in ${region}`,
    perspective,
    block: `Procesregie in ${region}: intake van signalen, voorbereiding van het casusoverleg en bewaking van de afspraken`,
    contribution: { by: zvh, text: `Procesregisseur CTER voor ${region}`, hoursPerMonth: 40 },
  })),
];

const COMPETENCE: Record<Municipality['profile'], (m: Municipality) => string> = {
  centre: (m) => `centrumgemeente ${m.region}: openbare orde en veiligheid, sociaal domein en regie op lokale casuïstiek`,
  'mid-size': () => 'lokale regie: openbare orde en veiligheid met de verbinding naar wijkteams, jeugd en onderwijs',
  small: () => 'lokaal aanspreekpunt openbare orde en veiligheid met toegang tot het sociaal domein',
};

const PERSPECTIVE: Record<Municipality['profile'], string> = {
  centre:
    'Als centrumgemeente zien wij de meeste signalen, maar vaak laat en via één kanaal (politie of onderwijs). Elke partner weegt een casus vanuit de eigen opdracht; een gezamenlijke weging en een vast ritme ontbreken.',
  'mid-size':
    'Wij hebben enkele casussen per jaar. De kennis zit bij één of twee medewerkers openbare orde en veiligheid; bij ziekte of vertrek valt die weg en zoeken we steeds opnieuw uit wie wat doet.',
  small:
    'Met weinig casuïstiek hebben we weinig routine en twijfelen we wat we met een signaal moeten. Wijkteams en het sociaal domein herkennen signalen nog onvoldoende en weten niet waar ze ermee terechtkunnen.',
};

const BLOCK: Record<Municipality['profile'], (m: Municipality) => string> = {
  centre: (m) => `Regionaal knooppunt ${m.region}: ondersteunt buurgemeenten bij de weging van signalen en brengt lokale casuïstiek in`,
  'mid-size': () => 'Lokaal aanspreekpunt radicalisering dat signalen binnen vijf werkdagen inbrengt en de verbinding legt met wijkteams, jeugd en onderwijs',
  small: () =>
    'Lokaal aanspreekpunt radicalisering met een terugvaloptie op het regionale knooppunt; signalen gaan binnen vijf werkdagen naar het casusoverleg',
};

const OTHER_MUNICIPALITIES = MUNICIPALITIES.filter((m) => m.name !== HAARLEM.name);
const EVERYONE: readonly Organisation[] = [HAARLEM, ...REGIONAL.map((r) => r.organisation), ...OTHER_MUNICIPALITIES];

const SHARED_PICTURE =
  'Radicalisering en extremisme in Noord-Holland worden jonger, meer online en vaker verweven met psychische kwetsbaarheid. ' +
  'Signalen zijn er genoeg, maar ze worden per organisatie gewogen: kleine gemeenten missen routine, centrumgemeenten zien ' +
  'signalen laat, en zorg, straf en toezicht werken langs elkaar heen. Niemand is eigenaar van het geheel; samen wel.';

// ── Step 2: verdiepen ────────────────────────────────────────────────────────────────────────

const PROBLEM_DEFINITION =
  'Signalen van radicalisering en extremisme in de 32 gemeenten worden niet tijdig en niet gezamenlijk gewogen, waardoor ' +
  'interventies te laat komen of elkaar tegenwerken, en personen na een exit-traject terugvallen omdat de nazorg niet ' +
  'sluitend is georganiseerd.';

const INTENT =
  'Samen zorgen dat iedereen in Noord-Holland die radicaliseert op tijd de juiste combinatie van zorg, begeleiding en zo ' +
  'nodig straf of toezicht krijgt, in welke gemeente die persoon ook woont, zodat de regio veiliger en weerbaarder wordt.';

// ── Step 3: gezamenlijke aanpak ──────────────────────────────────────────────────────────────

const TIMELY: KpiPlan = {
  name: 'Tijdig besproken casussen in het CTER-casusoverleg',
  owner: ZVH_KENNEMERLAND,
  unit: '%',
  direction: 'increase',
  baseline: 58,
  target: 90,
  targetDate: '2026-12-31',
  frequency: 'quarterly',
  values: { '2024-Q4': 57, '2025-Q1': 60, '2025-Q2': 66, '2025-Q3': 71, '2025-Q4': 74, '2026-Q1': 79, '2026-Q2': 83, '2026-Q3': 86 },
  notes: { '2024-Q4': 'nulmeting uit de registratie van het casusoverleg, vóór de pilot', '2025-Q1': 'nulmeting, vóór de pilot' },
};
const LEAD_TIME: KpiPlan = {
  name: 'Doorlooptijd signaal tot plan van aanpak',
  owner: ZVH_ZAANSTREEK,
  unit: 'dagen',
  direction: 'decrease',
  baseline: 42,
  target: 21,
  targetDate: '2026-12-31',
  frequency: 'quarterly',
  values: { '2024-Q4': 44, '2025-Q1': 41, '2025-Q2': 36, '2025-Q3': 33, '2025-Q4': 31, '2026-Q1': 30, '2026-Q2': 29, '2026-Q3': 28 },
  notes: { '2024-Q4': 'nulmeting, vóór de pilot', '2025-Q1': 'nulmeting, vóór de pilot', '2025-Q2': 'screening en intake lopen nu parallel' },
};
const RELAPSE: KpiPlan = {
  name: 'Recidive na exit-traject',
  owner: PROBATION,
  unit: '%',
  direction: 'decrease',
  baseline: 24,
  target: 12,
  targetDate: '2026-12-31',
  frequency: 'quarterly',
  values: { '2024-Q4': 25, '2025-Q1': 24, '2025-Q2': 21, '2025-Q3': 19, '2025-Q4': 18, '2026-Q1': 16, '2026-Q2': 15, '2026-Q3': 14 },
  notes: { '2024-Q4': 'voortschrijdend over twaalf maanden', '2026-Q1': 'eerste groep met warme overdracht vóór einde toezicht' },
};
const AFTERCARE: KpiPlan = {
  name: 'Exit-trajecten met sluitende nazorg',
  owner: MENTAL_HEALTH,
  unit: '%',
  direction: 'increase',
  baseline: 40,
  target: 80,
  targetDate: '2026-12-31',
  frequency: 'quarterly',
  values: { '2024-Q4': 38, '2025-Q1': 42, '2025-Q2': 50, '2025-Q3': 55, '2025-Q4': 61, '2026-Q1': 66, '2026-Q2': 70, '2026-Q3': 74 },
};
const TRAINED: KpiPlan = {
  name: 'Professionals getraind in het herkennen van signalen',
  owner: NCTV,
  unit: 'aantal (cumulatief)',
  direction: 'increase',
  baseline: 120,
  target: 600,
  targetDate: '2026-12-31',
  frequency: 'quarterly',
  values: { '2024-Q4': 120, '2025-Q1': 135, '2025-Q2': 210, '2025-Q3': 300, '2025-Q4': 380, '2026-Q1': 450, '2026-Q2': 520, '2026-Q3': 575 },
  notes: { '2026-Q1': 'train-de-trainer: gemeenten trainen nu ook hun eigen wijkteams' },
};

const EFFECTS: ReadonlyArray<{ description: string; kpis: readonly KpiPlan[] }> = [
  {
    description: 'Signalen van radicalisering en extremisme worden in de hele regio tijdig en gezamenlijk gewogen, zodat geen casus tussen wal en schip valt',
    kpis: [TIMELY, LEAD_TIME],
  },
  {
    description: 'Personen die zich losmaken van een extremistisch milieu vallen niet terug en vinden een stabiele plek in de samenleving',
    kpis: [RELAPSE, AFTERCARE],
  },
  { description: 'Professionals in alle 32 gemeenten herkennen signalen en weten waar ze die kwijt kunnen', kpis: [TRAINED] },
];

const CONTRIBUTIONS: readonly Contribution[] = [
  { by: HAARLEM, text: 'Netwerkregisseur en secretariaat van het casusoverleg en de stuurgroep', hoursPerMonth: 60 },
  ...REGIONAL.map((r) => r.contribution),
  { by: byName('Gemeente Zaanstad'), text: 'Inbreng van de signalen uit het Zaanse sleutelfigurennetwerk in de regionale weging', hoursPerMonth: 12 },
  { by: byName('Gemeente Alkmaar'), text: 'Regionaal knooppunt Noord-Holland Noord: ondersteuning van de buurgemeenten', hoursPerMonth: 24 },
  { by: byName('Gemeente Hilversum'), text: 'Regionaal knooppunt Gooi en Vechtstreek', hoursPerMonth: 16 },
  { by: byName('Gemeente Amstelveen'), text: 'Regionaal knooppunt Amstelland', hoursPerMonth: 12 },
];

const COVENANT_V1 = {
  purposes: [
    'Tijdig en gezamenlijk wegen van signalen van radicalisering en extremisme',
    'Opstellen en uitvoeren van een persoonsgericht plan van aanpak',
    'Nazorg en monitoring na een exit-traject',
  ],
  dataCategories: [
    'Identificerende gegevens van de besproken persoon, uitsluitend in de beveiligde omgeving van het casusoverleg',
    'Signalen en duiding per partner',
    'Strafrechtelijke en toezichtgegevens voor zover noodzakelijk voor het plan van aanpak',
    'Gezondheidsgegevens alleen met toestemming of bij een zwaarwegend belang',
  ],
  legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub g; Wet politiegegevens art. 20; Wjsg art. 39f; Gemeentewet art. 172',
  retentionMonths: 24,
};

// Exit trajectories take longer than foreseen: monitoring relapse needs three years, and the KPI
// report needs its own, anonymised category.
const COVENANT_V2 = {
  ...COVENANT_V1,
  purposes: [...COVENANT_V1.purposes, 'Monitoring van terugval tot drie jaar na afronding van een exit-traject'],
  dataCategories: [...COVENANT_V1.dataCategories, 'Geanonimiseerde kengetallen voor de KPI-rapportage aan de stuurgroep'],
  retentionMonths: 36,
};

// ── Step 4: experimenteren en leren ──────────────────────────────────────────────────────────

const PILOT_CASES: readonly PilotCase[] = [
  {
    ref: 'CASE-2025-014',
    on: '2025-06-03',
    partners: [CHILD_PROTECTION, POLICE, ZVH_KENNEMERLAND],
    learning:
      'Minderjarige met online extremistische uitingen: dankzij het vroege consult van de Raad en de school kwam er een plan zonder strafrechtelijke interventie. Leerpunt: onderwijs eerder aanhaken.',
  },
  {
    ref: 'CASE-2025-021',
    on: '2025-06-24',
    partners: [PROBATION, byName('Gemeente Zaanstad'), MENTAL_HEALTH],
    learning:
      'Terugkeer na detentie: woning en dagbesteding waren vóór de vrijlating geregeld dankzij de warme overdracht. Leerpunt: de overdracht begint drie maanden vóór het einde van het toezicht.',
  },
  {
    ref: 'CASE-2025-033',
    on: '2025-07-22',
    partners: [POLICE, PROSECUTOR, ZVH_ZAANSTREEK],
    learning:
      'Een signaal van een sleutelfiguur werd binnen een week gewogen; een strafrechtelijk traject bleek niet nodig. Leerpunt: de screening door de politie kan parallel aan de intake van het Zorg- en Veiligheidshuis.',
  },
  {
    ref: 'CASE-2025-038',
    on: '2025-08-26',
    partners: [MENTAL_HEALTH, byName('Gemeente Velsen'), ZVH_KENNEMERLAND],
    learning:
      'Psychische kwetsbaarheid stond voorop: behandeling in plaats van een veiligheidsmaatregel. Leerpunt: een GGZ-consult hoort standaard bij de eerste weging.',
  },
  {
    ref: 'CASE-2025-047',
    on: '2025-09-23',
    partners: [byName('Gemeente Beverwijk'), POLICE, ZVH_KENNEMERLAND],
    learning:
      'Een kleine gemeente bracht voor het eerst zelf een casus in via het lokale aanspreekpunt, met Haarlem als terugvaloptie. Leerpunt: de drempel om in te brengen is vooral onbekendheid.',
  },
];

// ── Step 5: integreren ───────────────────────────────────────────────────────────────────────

const inRegion = (...regions: Region[]) => MUNICIPALITIES.filter((m) => regions.includes(m.region));

const WAVES: ReadonlyArray<{ partners: readonly Organisation[]; plannedStart: string; completedOn: string; completedBy: Organisation }> = [
  {
    partners: [...inRegion('Kennemerland'), ZVH_KENNEMERLAND, POLICE, PROSECUTOR, NCTV, CHILD_PROTECTION, PROBATION],
    plannedStart: '2026-01-05',
    completedOn: '2026-01-30',
    completedBy: ZVH_KENNEMERLAND,
  },
  {
    partners: [...inRegion('Zaanstreek-Waterland', 'Amsterdam-Amstelland'), ZVH_ZAANSTREEK],
    plannedStart: '2026-02-02',
    completedOn: '2026-02-27',
    completedBy: ZVH_ZAANSTREEK,
  },
  { partners: [...inRegion('Gooi en Vechtstreek'), ZVH_GOOI], plannedStart: '2026-03-02', completedOn: '2026-03-27', completedBy: ZVH_GOOI },
  {
    partners: [...inRegion('Noord-Holland Noord'), MENTAL_HEALTH],
    plannedStart: '2026-04-06',
    completedOn: '2026-04-30',
    completedBy: byName('Gemeente Alkmaar'),
  },
];

const AMBASSADORS: ReadonlyArray<{ partner: Organisation; role: string }> = [
  { partner: POLICE, role: 'ambassadeur CTER in de basisteams' },
  { partner: byName('Gemeente Zaanstad'), role: 'ambassadeur van de sleutelfigurenaanpak in het regionaal veiligheidsoverleg' },
  { partner: MENTAL_HEALTH, role: 'ambassadeur binnen de FACT-teams' },
  { partner: PROBATION, role: 'ambassadeur exit-begeleiding in de regio' },
  { partner: byName('Gemeente Alkmaar'), role: 'ambassadeur voor de kleinere gemeenten in Noord-Holland Noord' },
];

export async function provinceNetwork(scene: Scene): Promise<void> {
  // Stap 1: verkennen
  await scene.on('2024-11-25', '10:00');
  const pm = scene.programmeManager(HAARLEM);
  const network = await scene.as(pm).start({
    title: PROVINCE_TITLE,
    problemArea: 'Radicalisering, extremisme en terrorisme (CTER): vroegsignalering, persoonsgerichte aanpak en exit',
    regisseur: HAARLEM,
    competence: 'netwerkregie en voorzitterschap van het regionale CTER-casusoverleg',
  });
  const cast: Cast = { scene, network, regisseur: HAARLEM, pm };
  await invite(cast, REGIONAL, '2024-11-26', 9);
  await invite(
    cast,
    OTHER_MUNICIPALITIES.map((m) => ({ organisation: m, role: 'participant' as const, competence: COMPETENCE[m.profile](m) })),
    '2024-11-27',
    8,
  );
  await sharePerspectives(
    cast,
    REGIONAL.map((r) => ({ by: r.organisation, text: r.perspective })),
    '2024-12-09',
    3,
  );
  await sharePerspectives(
    cast,
    MUNICIPALITIES.map((m) => ({ by: m, text: m.note ? `${PERSPECTIVE[m.profile]} ${m.note}` : PERSPECTIVE[m.profile] })),
    '2024-12-12',
    5,
  );
  await scene.on('2025-01-14', '14:00');
  await scene.as(pm).do(network, 'AgreeSharedPicture', { summary: SHARED_PICTURE });
  await confirmUrgency(cast, EVERYONE, '2025-01-15', 9);
  await advance(cast, '2025-01-27', 'define');

  // Stap 2: verdiepen — no solution talk yet
  await scene.on('2025-02-11');
  await scene.as(pm).do(network, 'AgreeProblemDefinition', { statement: PROBLEM_DEFINITION });
  await scene.on('2025-02-18');
  const effectIds: string[] = [];
  for (const effect of EFFECTS) effectIds.push(await scene.as(pm).do(network, 'DefineDesiredEffect', { description: effect.description }));
  await scene.on('2025-02-25');
  await scene.as(pm).do(network, 'StateIntent', { statement: INTENT });
  await advance(cast, '2025-03-04', 'co-design');

  // Stap 3: gezamenlijke aanpak
  const blocks: Said[] = [
    { by: HAARLEM, text: 'Netwerkregie: agenda, voorzitterschap en verslaglegging van het regionale CTER-casusoverleg en ondersteuning van de stuurgroep' },
    ...REGIONAL.map((r) => ({ by: r.organisation, text: r.block })),
    ...OTHER_MUNICIPALITIES.map((m) => ({ by: m, text: BLOCK[m.profile](m) })),
  ];
  await addBuildingBlocks(cast, blocks, '2025-03-10', 6);
  await commitContributions(cast, CONTRIBUTIONS, '2025-03-24', 5);
  await scene.on('2025-03-31');
  const kpis: Array<{ id: string; plan: KpiPlan }> = [];
  for (const [i, effect] of EFFECTS.entries()) {
    const ids = await defineKpis(cast, effectIds[i], effect.kpis);
    ids.forEach((id, j) => kpis.push({ id, plan: effect.kpis[j] }));
  }
  const kpiOf = (plan: KpiPlan) => kpis.find((k) => k.plan === plan)!.id;
  await scene.on('2025-04-02');
  await scene.as(pm).do(network, 'ArrangeTechnology', {
    description: 'Beveiligde samenwerkingsomgeving voor het casusoverleg (agenda, verslagen, actielijsten), alleen toegankelijk voor de deelnemers',
  });
  await scene
    .as(pm)
    .do(network, 'ArrangeTechnology', { description: 'Geanonimiseerde signalenregistratie per gemeente die elk kwartaal de KPI-cijfers levert' });
  await scene.on('2025-04-07');
  await scene.as(pm).do(network, 'DraftCovenant', COVENANT_V1);
  await signCovenant(cast, EVERYONE, 1, '2025-04-08', 8);
  await advance(cast, '2025-04-22', 'pilot');

  // Stap 4: experimenteren en leren
  await scene.on('2025-04-23');
  await scene.as(pm).do(network, 'StartPilot', {
    scope:
      'Regio’s Kennemerland en Zaanstreek-Waterland: alle nieuwe signalen van radicalisering en extremisme volgens de gezamenlijke werkwijze (screening, weging, plan van aanpak binnen 28 dagen)',
    startsOn: '2025-05-01',
    endsOn: '2025-10-31',
  });
  // The two quarters before the pilot, from the partners' own registrations: the baseline as measured.
  await reportPeriod(cast, '2024-Q4', '2025-04-29', kpis);
  await reportPeriod(cast, '2025-Q1', '2025-04-29', kpis, '11:00');
  await scene.on('2025-05-12');
  await scene
    .as(scene.member(POLICE))
    .do(network, 'CommitContribution', { partnerId: scene.idOf(POLICE), description: 'Extra analysecapaciteit tijdens de pilot', hoursPerMonth: 16 });
  await recordPilotCases(cast, PILOT_CASES.slice(0, 2));
  await recordLessons(cast, [
    {
      on: '2025-07-01',
      lesson: 'De screening door de politie en de intake door het Zorg- en Veiligheidshuis kunnen parallel lopen; dat scheelt gemiddeld een week.',
    },
  ]);
  await reportPeriod(cast, '2025-Q2', '2025-07-14', kpis);
  await recordPilotCases(cast, PILOT_CASES.slice(2, 4));
  await recordLessons(cast, [
    { on: '2025-09-09', by: MENTAL_HEALTH, lesson: 'Een GGZ-consult bij de eerste weging voorkomt dat psychische kwetsbaarheid pas laat in beeld komt.' },
  ]);
  await recordPilotCases(cast, PILOT_CASES.slice(4));
  await reportPeriod(cast, '2025-Q3', '2025-10-14', kpis);
  await recordLessons(cast, [
    {
      on: '2025-10-21',
      lesson: 'Kleine gemeenten brengen pas in als ze een vast aanspreekpunt in de regio kennen; voor de uitrol is per regio een terugvaloptie nodig.',
    },
  ]);
  // Reporting a period again corrects it; the history keeps both values.
  await scene.on('2025-10-28', '11:00');
  await scene.as(scene.member(ZVH_KENNEMERLAND)).do(network, 'RecordMeasurement', {
    kpiId: kpiOf(TIMELY),
    period: '2025-Q3',
    value: 68,
    partnerId: scene.idOf(ZVH_KENNEMERLAND),
    note: 'correctie: drie casussen uit Zaanstreek-Waterland waren dubbel geteld',
  });
  await scene.on('2025-11-17', '14:00');
  await scene.as(pm).do(network, 'EvaluatePilot', {
    outcome: 'successful',
    rationale:
      'In de pilotregio’s daalde de doorlooptijd van signaal tot plan en werd een groter deel van de casussen tijdig besproken; alle vijf pilotcasussen hadden binnen 28 dagen een gezamenlijk plan. De partners willen de werkwijze in de hele provincie invoeren.',
  });
  await advance(cast, '2025-11-24', 'integrate');

  // Stap 5: integreren in plaats van institutionaliseren
  await scene.on('2025-12-01');
  const waveIds: string[] = [];
  for (const wave of WAVES) {
    waveIds.push(await scene.as(pm).do(network, 'PlanRolloutWave', { partnerIds: wave.partners.map((p) => scene.idOf(p)), plannedStart: wave.plannedStart }));
  }
  await overDays(scene, '2025-12-08', 2, AMBASSADORS, ({ partner, role }) =>
    scene.as(voiceOf(cast, partner)).do(network, 'AppointAmbassador', { partnerId: scene.idOf(partner), role }),
  );
  const completeWave = async (i: number) => {
    await scene.on(WAVES[i].completedOn, '16:00');
    await scene.as(voiceOf(cast, WAVES[i].completedBy)).do(network, 'CompleteRolloutWave', { waveId: waveIds[i] });
  };
  await reportPeriod(cast, '2025-Q4', '2026-01-14', kpis);
  await completeWave(0);
  await scene.on('2026-02-10');
  await scene.as(pm).do(network, 'ReviseKpiTarget', {
    kpiId: kpiOf(LEAD_TIME),
    target: 25,
    reason:
      'De verplichte screening door politie en OM kost gemiddeld tien werkdagen en is niet te verkorten zonder zorgvuldigheid op te geven; 25 dagen is het haalbare doel.',
  });
  await completeWave(1);
  await scene.on('2026-03-06');
  await scene
    .as(scene.member(NCTV))
    .do(network, 'CommitContribution', { partnerId: scene.idOf(NCTV), description: 'Train-de-trainer voor de uitrol in alle gemeenten', hoursPerMonth: 16 });
  // A new covenant version needs every active partner's signature again before the next gate.
  await scene.on('2026-03-09');
  await scene.as(pm).do(network, 'DraftCovenant', COVENANT_V2);
  await signCovenant(cast, EVERYONE, 2, '2026-03-10', 5);
  await completeWave(2);
  await reportPeriod(cast, '2026-Q1', '2026-04-14', kpis);
  await completeWave(3);
  await recordLessons(cast, [
    { on: '2026-05-05', by: NCTV, lesson: 'Train-de-trainer werkt: getrainde professionals in de gemeenten trainen nu zelf hun wijkteams.' },
  ]);
  await advance(cast, '2026-05-11', 're-legitimise');

  // Stap 6: alert blijven op het bestaansrecht
  const chair = scene.steeringGroup(HAARLEM);
  await scene.on('2026-05-12');
  const firstReview = await scene.as(pm).do(network, 'ScheduleReview', { dueOn: '2026-06-30', reason: 'halfjaarlijkse toets op het bestaansrecht' });
  await scene.on('2026-06-23', '15:00');
  await scene
    .as(chair)
    .conclude(
      network,
      firstReview,
      'continue',
      'Alle KPI’s liggen op koers. De samenwerking levert aantoonbaar meer op dan de afzonderlijke inspanningen: kleine gemeenten brengen nu zelf signalen in en de doorlooptijd daalt. Voortzetten; volgende toets in het najaar.',
    );
  await scene.on('2026-06-24');
  const secondReview = await scene.as(chair).do(network, 'ScheduleReview', { dueOn: '2026-11-13', reason: 'halfjaarlijkse toets op het bestaansrecht' });
  await reportPeriod(cast, '2026-Q2', '2026-07-14', kpis);
  await reportPeriod(cast, '2026-Q3', '2026-10-14', kpis);
  await scene.on('2026-11-10', '15:00');
  await scene
    .as(scene.steeringGroup(PROSECUTOR))
    .conclude(
      network,
      secondReview,
      'continue',
      'Bestaansrecht bevestigd: tijdige bespreking en nazorg naderen hun doel. Opdracht voor de volgende toets: onderzoeken of het casusoverleg kan opgaan in de reguliere structuur van de Zorg- en Veiligheidshuizen zodra de doelen bereikt zijn.',
    );
  await scene.on('2026-11-11');
  await scene.as(chair).do(network, 'ScheduleReview', { dueOn: '2027-05-28', reason: 'halfjaarlijkse toets op het bestaansrecht' });
}
