import { ApiProperty } from '@nestjs/swagger';
import type { ProjectionStatus as ProjectionStatusShape, RebuildProgress as RebuildProgressShape } from '../../../../libs/projections/src';

class RebuildProgress implements RebuildProgressShape {
  @ApiProperty({ type: 'integer' }) generation!: number;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) checkpoint!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: "share of the store's current last position" }) progress!: number;
  @ApiProperty({ type: 'number', nullable: true }) eventsPerSecond!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) etaSeconds!: number | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ enum: ['here', 'elsewhere'], description: 'here when this process builds it' }) builtBy!: 'here' | 'elsewhere';
}

/** One projection or saga as GET /api/projections lists it. */
export class ProjectionStatus implements ProjectionStatusShape {
  @ApiProperty({ example: 'portfolio' }) name!: string;
  @ApiProperty({ enum: ['projection', 'saga'] }) kind!: 'projection' | 'saga';
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: ['live', 'rebuilding'] }) state!: 'live' | 'rebuilding';
  @ApiProperty({ type: 'integer', nullable: true, description: 'the generation queries read' }) generation!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) liveVersion!: number | null;
  @ApiProperty({ type: 'integer' }) checkpoint!: number;
  @ApiProperty({ type: 'integer' }) lastPosition!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'events in the store the live generation has not seen yet' }) lag!: number;
  @ApiProperty({ type: RebuildProgress, nullable: true }) rebuild!: RebuildProgress | null;
  @ApiProperty({ type: 'string', nullable: true }) error!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'since when its batches have failed' }) failingSince!: string | null;
}

/** POST /api/projections/:name/rebuild: the rebuild that started. */
export class RebuildStarted {
  @ApiProperty({ example: 'portfolio' }) name!: string;
  @ApiProperty({ type: 'integer' }) generation!: number;
  @ApiProperty({ enum: ['rebuilding'] }) state!: 'rebuilding';
  @ApiProperty({ description: 'false when a rebuild of it was already running: this call joined that one' }) started!: boolean;
}
