import { findPersonalData } from './personal-data';
import type { PersonalDataKind } from './personal-data-codes';

// The guard's table: texts as partners write them in a covenant-bound network — notes, learnings,
// rationales — half of them carrying a citizen's contact or identity, half of them ordinary facts
// full of numbers that must not be mistaken for one.

const BSN: PersonalDataKind = 'a citizen service number (BSN)';
const EMAIL: PersonalDataKind = 'an e-mail address';
const PHONE: PersonalDataKind = 'a phone number';
const IBAN: PersonalDataKind = 'a bank account number (IBAN)';

const PERSONAL: Array<[string, PersonalDataKind]> = [
  ['Moeder bereikbaar op 06-12345678 na 17 uur', PHONE],
  ['bel hem op 0612345678', PHONE],
  ['mobiel 06 12 34 56 78 (alleen appen)', PHONE],
  ['nummer: 06.12.34.56.78', PHONE],
  ['telefoon (06) 12345678', PHONE],
  ['06 1234 5678 is het nummer van de buurvrouw', PHONE],
  ['0612 34 5678 gebeld, geen gehoor', PHONE],
  ['zij belde vanaf +31 6 12345678', PHONE],
  ['whatsapp +31612345678', PHONE],
  ['tel +31 (0)6 1234 5678', PHONE],
  ['+31(0)612345678 belde drie keer', PHONE],
  ['+31 (0) 6 - 12 34 56 78', PHONE],
  ['0031 612345678 (buitenland)', PHONE],
  ['0031 (0)20 1234567 thuis', PHONE],
  ['0031-20-1234567', PHONE],
  ['vaste lijn 020-1234567', PHONE],
  ['thuis: 020 123 4567', PHONE],
  ['bel (020) 123 45 67 voor de afspraak', PHONE],
  ['020.123.45.67', PHONE],
  ['tel: 010 - 123 45 67', PHONE],
  ['werk 085 - 303 20 00', PHONE],
  ['familie in Duitsland: +49 30 901820', PHONE],
  ['oom in Londen +44 20 7946 0958', PHONE],
  ['neef in de VS, +1 (415) 555-2671', PHONE],
  ['BSN 111222333 bekend bij de gemeente', BSN],
  ['burgerservicenummer 628194821', BSN],
  ['betreft 2527.60.189', BSN],
  ['bsn: 507 529 170', BSN],
  ['dossier 121.54.72.80', BSN],
  ['klant 3852 80 841 in beeld bij wijkteam', BSN],
  ['sofinummer 353-799-075', BSN],
  ['jongere (805888718) is uit beeld', BSN],
  ['mail naar jan.devries@gmail.com', EMAIL],
  ['contact via j.de.vries+wijk@gemeente.amsterdam.nl', EMAIL],
  ['ouders: familie_jansen@hotmail.nl', EMAIL],
  ['Zijn adres is p.bakker@outlook.com.', EMAIL],
  ['meldde zich via info@example.org namens zichzelf', EMAIL],
  ['schuld overgemaakt naar NL91ABNA0417164300', IBAN],
  ['rekening NL20 INGB 0001 2345 67', IBAN],
  ['huur betaald van nl44rabo0123456789', IBAN],
  ['Belgische rekening BE68 5390 0754 7034', IBAN],
  ['toeslag gestort op DE89 3704 0044 0532 0130 00', IBAN],
];

const ORDINARY: string[] = [
  'Sinds 2025 komt het netwerk maandelijks bijeen.',
  'Het budget is € 1.250.000 voor drie jaar, daarna 2,5 mln.',
  'Een omzet van 111.222.333 euro bij de woningcorporatie.',
  'Gemeten in 2025-Q3 en opnieuw in 2026-Q1.',
  'De meting over 2026-11 volgt in december.',
  'Afgesproken op 2025-03-01 in het stadhuis.',
  'Afgesproken op 12-03-2025 om 10.30 uur.',
  'Op 06-06-2025 startte de tweede ronde.',
  'Vergadering van 09:00 tot 17:00 op het politiebureau.',
  'Het convenant loopt van 2023-2025 en wordt verlengd.',
  'Twaalf procent minder incidenten: 12,5% in de wijk.',
  'Inzet van 0,5 fte jongerenwerk en 24 uur per maand.',
  'Casus CASE-2025-014 besproken in het casusoverleg.',
  'Zaak ZVH-2026-0042 is afgesloten.',
  'Referentie R-2025-017 uit het signaleringsoverleg.',
  'Referentie 123456789 in het oude systeem.',
  'Postcodegebied 1011 AB en 1012 CD.',
  'Kantoor op 2511CV, de rest van de wijk valt onder 2512.',
  'Artikel 6 lid 1 sub e AVG als grondslag.',
  'Versie 2.1.3 van het convenant is getekend.',
  'In week 06 en week 07 geen bijeenkomst.',
  'Na 06 maanden evalueren we de pilot.',
  'KvK-inschrijving 12345678 van de stichting.',
  'Bij nood altijd 112 bellen, voor de gemeente 14 020.',
  'Er zijn 1234567890 records gemigreerd.',
  'De teller staat op 000000000 na de reset.',
  'Doorlooptijd van 42 naar 25 dagen, doel 21 dagen.',
  'Zes van de 32 gemeenten hebben nog niet getekend.',
  'Score 7,8 op de tevredenheidsmeting (n=214).',
  'Realisatie 79% tegen verwacht 88%.',
  'Wave 3 gepland op 2026-04-01, afgerond 2026-06-15.',
  'Tweede pilot van 2026-06-01 tot en met 2026-12-31.',
  'Coördinaten 52.3676, 4.9041 van de locatie.',
  "Het rapport telt 156 pagina's en 3 bijlagen.",
  'Gemiddeld 3,4 signalen per week, maximum 11.',
  'Kosten per casus ongeveer € 4.500,-.',
  'Tussen 18-23 uur is het straatteam actief.',
  'De bijdrage is 16 uur per maand per partner.',
  'Prioriteit 1 voor signalen ouder dan 14 dagen.',
  'Regio 10 (Kennemerland) en regio 12 (Zaanstreek-Waterland).',
  'Het aantal sleutelfiguren groeide van 12 naar 35.',
  'Ondermijning in 3 van de 41 bedrijfsverzamelgebouwen.',
];

describe("the personal-data guard's table", () => {
  it('holds at least 40 personal and 40 ordinary texts', () => {
    expect(PERSONAL.length).toBeGreaterThanOrEqual(40);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PERSONAL)('refuses %j as %s', (text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
  });

  it.each(ORDINARY.map((text) => [text]))('lets %j through', (text) => {
    expect(findPersonalData(text)).toBeNull();
  });
});
