import type { GateFindingCode } from '../../../libs/initiative/src/gate-finding-codes';
import type { GateFinding } from './api/types';
import { formatDate, language, phaseName } from './i18n';

type Params = GateFinding['params'];

const names = (list: Params[string]): string => new Intl.ListFormat('nl-NL', { type: 'conjunction' }).format(Array.isArray(list) ? list : [String(list)]);

/**
 * The gate's unmet lines in Dutch, from the codes the API sends beside its English lines. The
 * conditions themselves live in the domain (libs/initiative/src/gates.ts); this only words them.
 */
const DUTCH: Record<GateFindingCode, (p: Params) => string> = {
  'too-few-partners': (p) => `minstens 2 actieve partners nodig, er ${p.count === 1 ? 'is er 1' : `zijn er ${String(p.count)}`}`,
  'no-perspective': (p) => `${String(p.partner)} deelde nog geen perspectief`,
  'no-urgency': (p) => `${String(p.partner)} bevestigde de urgentie nog niet`,
  'no-shared-picture': () => 'nog geen gezamenlijk beeld vastgesteld',
  'no-problem-definition': () => 'nog geen probleemdefinitie vastgesteld',
  'no-desired-effect': () => 'nog geen gewenst effect benoemd',
  'no-intent': () => 'nog geen intentie uitgesproken',
  'no-building-block': (p) => `${String(p.partner)} heeft nog geen bouwsteen`,
  'effect-without-kpi': (p) => `gewenst effect ‘${String(p.effect)}’ heeft nog geen KPI`,
  'effect-kpis-owners-left': (p) => {
    const owners = Array.isArray(p.owners) ? p.owners : [];
    const kpis = (Array.isArray(p.kpis) ? p.kpis : []).map((kpi, i) => `‘${kpi}’ is van ${owners[i]}, die vertrok`).join('; ');
    return `gewenst effect ‘${String(p.effect)}’ heeft geen KPI van een actieve partner: ${kpis}`;
  },
  'no-covenant': () => 'nog geen convenant opgesteld',
  'covenant-unsigned': (p) => `het convenant (versie ${String(p.version)}) is nog niet getekend door ${names(p.partners)}`,
  'no-pilot': () => 'nog geen pilot gestart',
  'pilot-not-evaluated': () => 'de pilot is nog niet geëvalueerd',
  'pilot-unsuccessful': () => `de pilot is als niet geslaagd geëvalueerd: terug naar ${phaseName('co-design')} voor een nieuwe pilot`,
  'wave-not-completed': (p) => `de uitrolgolf gepland op ${formatDate(String(p.plannedStart))} (${names(p.partners)}) is nog niet afgerond`,
  'no-ambassador': () => 'nog geen ambassadeur benoemd',
  'ambassadors-left': () => 'geen ambassadeur van een actieve partner: elke benoemde ambassadeur hoort bij een partner die vertrok',
};

/** Line i of a gate's unmet list in the page's language: English is the API's own line, as is a code this app does not know. */
export const unmetLines = (lines: readonly string[], findings: readonly GateFinding[] | undefined): string[] =>
  lines.map((line, i) => {
    const finding = findings?.[i];
    const dutch = finding && language.get() === 'nl' ? DUTCH[finding.code as GateFindingCode] : undefined;
    return finding && dutch ? dutch(finding.params) : line;
  });
