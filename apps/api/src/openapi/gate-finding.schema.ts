import { ApiProperty } from '@nestjs/swagger';
import { GATE_FINDING_CODES, type GateFindingCode } from '../../../../libs/initiative/src';

/** One unmet part of a gate condition as a code and what it names: the same as its English line, for a client that speaks another language. */
export class GateFindingDocument {
  @ApiProperty({
    enum: GATE_FINDING_CODES,
    example: 'no-perspective',
    description:
      'its params: too-few-partners (count); no-perspective, no-urgency, no-building-block (partner); effect-without-kpi (effect); ' +
      'effect-kpis-owners-left (effect, kpis, owners); covenant-unsigned (version, partners); wave-not-completed (plannedStart, partners); the others none',
  })
  code!: GateFindingCode;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }] },
    example: { partner: 'Politie Noord-Holland' },
    description: 'what the finding names; partners by name, as in its line',
  })
  params!: Record<string, string | number | string[]>;
}
