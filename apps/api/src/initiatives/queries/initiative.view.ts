import { ApiProperty } from '@nestjs/swagger';
import type { StoredEvent } from '../../../../../libs/event-store/src';
import { findingCode, gateFor, type Initiative } from '../../../../../libs/initiative/src';
import { toDomain } from '../../write/event-envelope';

/** GET /api/initiatives/:id: the folded state, the fields api.md fixes first, and the gate out of the phase. */
export const initiativeView = (state: Initiative, revision: number) => {
  const { started: _, id, title, problemArea, phase, ...rest } = state;
  return {
    id,
    title,
    problemArea,
    phase,
    revision,
    ...rest,
    gate: gateView(state),
  };
};

/**
 * The gate out of the current phase: `unmet` is what `advance` would refuse with; `checklist` every
 * condition, met or not, its unmet lines also as `findings` (code and parameters, line by line).
 */
const gateView = (state: Initiative) => {
  const gate = gateFor(state.phase);
  return {
    to: gate.to,
    unmet: gate.unmet(state).map((f) => f.text),
    checklist: gate.checklist(state).map(({ rule, met, unmet }) => ({ rule, met, unmet: unmet.map((f) => f.text), findings: unmet.map(findingCode) })),
  };
};

export class HistoryActor {
  @ApiProperty() sub!: string;
  @ApiProperty({ type: String, nullable: true }) partner!: string | null;
}

export class HistoryItem {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: number;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: HistoryActor }) actor!: HistoryActor;
  @ApiProperty() correlationId!: string;
}

/** One event as the history shows it: data as today's schema reads it, metadata minus the hash. */
export const historyItem = (stored: StoredEvent): HistoryItem => {
  const meta = stored.metadata as { actor?: { sub: string; partner: string | null }; correlationId?: string };
  return {
    id: stored.id,
    type: stored.type,
    data: toDomain(stored).data,
    revision: stored.revision,
    position: stored.position,
    recordedAt: stored.recordedAt,
    actor: { sub: meta.actor?.sub ?? 'unknown', partner: meta.actor?.partner ?? null },
    correlationId: meta.correlationId ?? '',
  };
};
