import { caseDayOf, ERASED_TEXT, FREE_TEXT_FIELDS } from '../../../events';
import type { Initiative } from './initiative.state';

// The state-side twin of FREE_TEXT_FIELDS: once the keys are destroyed every fresh read shows the
// marker, but states folded earlier (read models, the decider's own fold) still hold the words.
// Folding FreeTextErased replaces them there too, field by field as the catalogue lists them.

const gone = <T extends string | null>(value: T): T => (value === null ? value : (ERASED_TEXT as T));
const REVIEW_REASON_CODES = FREE_TEXT_FIELDS.ReviewScheduled[0].codes ?? [];

/** The initiative with every piece of prose it recorded shown as erased. */
function eraseInitiativeText(s: Initiative): Initiative {
  const pilot = (p: Initiative['pilot']) =>
    p && { ...p, scope: gone(p.scope), evaluation: p.evaluation && { ...p.evaluation, rationale: gone(p.evaluation.rationale) } };
  return {
    ...s,
    partners: s.partners.map((p) => ({ ...p, competence: gone(p.competence) })),
    perspectives: s.perspectives.map((p) => ({ ...p, summary: gone(p.summary) })),
    sharedPicture: s.sharedPicture && { ...s.sharedPicture, summary: gone(s.sharedPicture.summary) },
    problemDefinition: s.problemDefinition && { ...s.problemDefinition, statement: gone(s.problemDefinition.statement) },
    intent: s.intent && { ...s.intent, statement: gone(s.intent.statement) },
    buildingBlocks: s.buildingBlocks.map((b) => ({ ...b, description: gone(b.description) })),
    contributions: s.contributions.map((c) => ({ ...c, description: gone(c.description) })),
    kpis: s.kpis.map((k) => ({ ...k, targetRevisions: k.targetRevisions.map((r) => ({ ...r, reason: gone(r.reason) })) })),
    technology: s.technology.map((t) => ({ ...t, description: gone(t.description) })),
    pilot: pilot(s.pilot),
    previousPilots: s.previousPilots.map((p) => pilot(p)!),
    pilotCases: s.pilotCases.map((c) => ({ ...c, caseRef: gone(c.caseRef), learning: gone(c.learning) })),
    lessons: s.lessons.map((l) => ({ ...l, lesson: gone(l.lesson) })),
    ambassadors: s.ambassadors.map((a) => ({ ...a, role: gone(a.role) })),
    reviews: s.reviews.map((r) => ({
      ...r,
      reason: REVIEW_REASON_CODES.includes(r.reason) ? r.reason : gone(r.reason),
      rationale: gone(r.rationale),
    })),
    dissolution: s.dissolution && { ...s.dissolution, reason: gone(s.dissolution.reason) },
  };
}

/** The initiative with the pilot cases of those days shown as erased (measurement notes live in the KPI dashboard). */
function eraseCaseDays(s: Initiative, days: ReadonlySet<string>): Initiative {
  return {
    ...s,
    pilotCases: s.pilotCases.map((c) => (days.has(caseDayOf(c.recordedAt)) ? { ...c, caseRef: gone(c.caseRef), learning: gone(c.learning) } : c)),
  };
}

export function eraseText(s: Initiative, erasure: { initiativeText: boolean; caseDays: readonly string[] }): Initiative {
  return erasure.initiativeText ? eraseInitiativeText(s) : eraseCaseDays(s, new Set(erasure.caseDays));
}
