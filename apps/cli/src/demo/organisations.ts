import type { PartnerKind } from '../../../../events';

/**
 * The partner organisations of the demo, as the partner registry knows them. `code` only builds
 * token subjects (`pm-haarlem-1`, `member-politie-nh-1`): users are ids, never names.
 */
export interface Organisation {
  name: string;
  kind: PartnerKind;
  code: string;
}

export type Region = 'Kennemerland' | 'Zaanstreek-Waterland' | 'Gooi en Vechtstreek' | 'Amsterdam-Amstelland' | 'Noord-Holland Noord';

/** How a municipality experiences radicalisation cases; its perspective and building block follow from it. */
export type MunicipalityProfile = 'centre' | 'mid-size' | 'small';

export interface Municipality extends Organisation {
  region: Region;
  profile: MunicipalityProfile;
  /** what this municipality adds to the shared picture, in its own words */
  note?: string;
}

const municipality = (place: string, code: string, region: Region, profile: MunicipalityProfile, note?: string): Municipality => ({
  name: `Gemeente ${place}`,
  kind: 'municipality',
  code,
  region,
  profile,
  note,
});

/** The 32 municipalities of the province network, by safety region. Haarlem directs the network. */
export const MUNICIPALITIES: readonly Municipality[] = [
  municipality(
    'Haarlem',
    'haarlem',
    'Kennemerland',
    'centre',
    'Als centrumgemeente zit Haarlem het regionale casusoverleg voor en ziet het hoe verschillend gemeenten signalen wegen.',
  ),
  municipality(
    'Haarlemmermeer',
    'haarlemmermeer',
    'Kennemerland',
    'centre',
    'Door Schiphol en de logistieke sector komen signalen ook via werkgevers en beveiligers binnen.',
  ),
  municipality('Velsen', 'velsen', 'Kennemerland', 'mid-size', 'Signalen komen vooral via het voortgezet onderwijs en de leerplichtambtenaar binnen.'),
  municipality('Heemskerk', 'heemskerk', 'Kennemerland', 'mid-size'),
  municipality(
    'Beverwijk',
    'beverwijk',
    'Kennemerland',
    'mid-size',
    'Online signalen van jongeren komen vaak pas via ouders of school bij de gemeente terecht.',
  ),
  municipality('Heemstede', 'heemstede', 'Kennemerland', 'small'),
  municipality('Bloemendaal', 'bloemendaal', 'Kennemerland', 'small'),
  municipality('Zandvoort', 'zandvoort', 'Kennemerland', 'small', 'Bij evenementen met veel bezoekers van buiten willen we weten bij wie we terechtkunnen.'),
  municipality(
    'Zaanstad',
    'zaanstad',
    'Zaanstreek-Waterland',
    'centre',
    'Zaanstad werkt al met sleutelfiguren in de wijken; die signalen vinden nog geen vaste weg naar het casusoverleg.',
  ),
  municipality('Purmerend', 'purmerend', 'Zaanstreek-Waterland', 'centre'),
  municipality(
    'Hilversum',
    'hilversum',
    'Gooi en Vechtstreek',
    'centre',
    'Als centrumgemeente van het Gooi vangt Hilversum signalen op voor zes gemeenten, zonder vaste afspraken daarover.',
  ),
  municipality('Gooise Meren', 'gooise-meren', 'Gooi en Vechtstreek', 'mid-size'),
  municipality('Huizen', 'huizen', 'Gooi en Vechtstreek', 'mid-size'),
  municipality('Laren', 'laren', 'Gooi en Vechtstreek', 'small'),
  municipality('Blaricum', 'blaricum', 'Gooi en Vechtstreek', 'small'),
  municipality(
    'Wijdemeren',
    'wijdemeren',
    'Gooi en Vechtstreek',
    'small',
    'Verspreide kernen: de huisarts en het wijkteam zijn vaak de enigen die iets opmerken.',
  ),
  municipality(
    'Amstelveen',
    'amstelveen',
    'Amsterdam-Amstelland',
    'centre',
    'Veel internationale inwoners; signalen komen ook via internationale scholen en werkgevers binnen.',
  ),
  municipality('Uithoorn', 'uithoorn', 'Amsterdam-Amstelland', 'small'),
  municipality('Aalsmeer', 'aalsmeer', 'Amsterdam-Amstelland', 'small'),
  municipality('Ouder-Amstel', 'ouder-amstel', 'Amsterdam-Amstelland', 'small'),
  municipality(
    'Diemen',
    'diemen',
    'Amsterdam-Amstelland',
    'mid-size',
    'Diemen grenst aan Amsterdam: casussen verhuizen over de gemeentegrens en informatie blijft achter.',
  ),
  municipality(
    'Alkmaar',
    'alkmaar',
    'Noord-Holland Noord',
    'centre',
    'Alkmaar ziet een toename van online radicalisering onder minderjarigen, vaak zonder eerder contact met zorg of politie.',
  ),
  municipality(
    'Den Helder',
    'den-helder',
    'Noord-Holland Noord',
    'centre',
    'Ver van de regionale voorzieningen: een signaal moet snel de juiste partner bereiken zonder dagen reistijd of wachttijd.',
  ),
  municipality(
    'Hoorn',
    'hoorn',
    'Noord-Holland Noord',
    'centre',
    'Hoorn is centrumgemeente voor West-Friesland; kleinere buurgemeenten leunen op onze kennis.',
  ),
  municipality(
    'Dijk en Waard',
    'dijk-en-waard',
    'Noord-Holland Noord',
    'mid-size',
    'Een jonge, gefuseerde gemeente: het netwerk van professionals rond veiligheid is nog in opbouw.',
  ),
  municipality('Castricum', 'castricum', 'Noord-Holland Noord', 'small'),
  municipality('Bergen (NH)', 'bergen-nh', 'Noord-Holland Noord', 'small'),
  municipality('Schagen', 'schagen', 'Noord-Holland Noord', 'mid-size'),
  municipality(
    'Hollands Kroon',
    'hollands-kroon',
    'Noord-Holland Noord',
    'mid-size',
    'Een uitgestrekte plattelandsgemeente: signalen komen laat binnen en de afstand tot de regio is groot.',
  ),
  municipality('Medemblik', 'medemblik', 'Noord-Holland Noord', 'mid-size'),
  municipality('Enkhuizen', 'enkhuizen', 'Noord-Holland Noord', 'small'),
  municipality(
    'Texel',
    'texel',
    'Noord-Holland Noord',
    'small',
    'Op een eiland kent iedereen iedereen: vertrouwelijkheid van signalen weegt hier extra zwaar.',
  ),
];

/**
 * The regional and national partners of the province network (the "lokaal netwerk" and
 * "nationaal netwerk" of the source text).
 *
 * The care-and-safety houses are registered as `other`, not `care`: a Zorg- en Veiligheidshuis
 * delivers no care itself; it is the meeting place where straf- and zorgpartners weigh complex
 * cases together, hosted by the central municipality. Counting it as a care provider would make
 * every "how much care capacity does this network have" view wrong.
 */
export const POLICE: Organisation = { name: 'Politie Noord-Holland', kind: 'police', code: 'politie-nh' };
export const PROSECUTOR: Organisation = { name: 'Openbaar Ministerie Noord-Holland', kind: 'public-prosecutor', code: 'om-nh' };
export const NCTV: Organisation = { name: 'Nationaal Coördinator Terrorismebestrijding en Veiligheid (NCTV)', kind: 'national', code: 'nctv' };
export const CHILD_PROTECTION: Organisation = { name: 'Raad voor de Kinderbescherming', kind: 'child-protection', code: 'rvdk' };
export const PROBATION: Organisation = { name: 'Reclassering Nederland', kind: 'probation', code: 'reclassering' };
export const MENTAL_HEALTH: Organisation = { name: 'GGZ Noord-Holland-Noord', kind: 'care', code: 'ggz-nhn' };
export const ZVH_KENNEMERLAND: Organisation = { name: 'Zorg- en Veiligheidshuis Kennemerland', kind: 'other', code: 'zvh-kennemerland' };
export const ZVH_ZAANSTREEK: Organisation = { name: 'Zorg- en Veiligheidshuis Zaanstreek-Waterland', kind: 'other', code: 'zvh-zaanstreek' };
export const ZVH_GOOI: Organisation = { name: 'Zorg- en Veiligheidshuis Gooi en Vechtstreek', kind: 'other', code: 'zvh-gooi' };

export const REGIONAL_PARTNERS: readonly Organisation[] = [
  POLICE,
  PROSECUTOR,
  NCTV,
  CHILD_PROTECTION,
  PROBATION,
  MENTAL_HEALTH,
  ZVH_KENNEMERLAND,
  ZVH_ZAANSTREEK,
  ZVH_GOOI,
];

/** The civil-society key figures of Zaanstad ("maatschappelijk middenveld"): registered by Zaanstad's programme manager. */
export const YOUTH_WORK: Organisation = { name: 'Jongerenwerk Zaanstad', kind: 'civil-society', code: 'jongerenwerk-zaanstad' };
export const MOSQUE_BOARD: Organisation = { name: 'Moskeebestuur Zaandam-Oost', kind: 'civil-society', code: 'moskee-zaandam-oost' };
export const SPORTS_CLUB: Organisation = { name: 'Sportvereniging Zaandam-Oost', kind: 'civil-society', code: 'sv-zaandam-oost' };
export const RESIDENTS: Organisation = { name: 'Bewonersvereniging Poelenburg-Peldersveld', kind: 'civil-society', code: 'bewoners-poelenburg' };

/** The housing corporation and the care-and-safety house of the Alkmaar care network. */
export const HOUSING: Organisation = { name: 'Woonwaard', kind: 'housing', code: 'woonwaard' };
export const ZVH_NOORD: Organisation = { name: 'Zorg- en Veiligheidshuis Noord-Holland Noord', kind: 'other', code: 'zvh-nhn' };

export const byName = (name: string): Municipality => {
  const found = MUNICIPALITIES.find((m) => m.name === name);
  if (!found) throw new Error(`no municipality named ${name} in the demo`);
  return found;
};
