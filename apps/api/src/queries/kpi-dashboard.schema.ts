import { ApiProperty } from '@nestjs/swagger';
import { KPI_DIRECTIONS, KPI_FREQUENCIES, type KpiDirection, type KpiFrequency } from '../../../../events';
import {
  KPI_STATUSES,
  type EffectView as EffectViewShape,
  type KpiDashboard as KpiDashboardShape,
  type KpiStatus,
  type KpiView as KpiViewShape,
  type StatusThresholds as StatusThresholdsShape,
  type TargetRevision as TargetRevisionShape,
} from '../../../../libs/projections/src';

class SeriesPoint {
  @ApiProperty({ example: '2026-Q1' }) period!: string;
  @ApiProperty() value!: number;
}

class TargetRevision implements TargetRevisionShape {
  @ApiProperty() target!: number;
  @ApiProperty({ format: 'date' }) targetDate!: string;
  @ApiProperty({ format: 'date-time', description: 'from when this target applied' }) from!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null for the target the KPI was defined with' }) reason!: string | null;
}

class PeriodStatus {
  @ApiProperty() period!: string;
  @ApiProperty() value!: number;
  @ApiProperty() attainment!: number;
  @ApiProperty() expected!: number;
  @ApiProperty({ enum: KPI_STATUSES }) status!: KpiStatus;
  @ApiProperty() target!: number;
  @ApiProperty({ format: 'date' }) targetDate!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) corrections!: number;
}

class DashboardKpi implements KpiViewShape {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: KPI_DIRECTIONS }) direction!: KpiDirection;
  @ApiProperty() baseline!: number;
  @ApiProperty() target!: number;
  @ApiProperty({ format: 'date' }) targetDate!: string;
  @ApiProperty({ enum: KPI_FREQUENCIES }) frequency!: KpiFrequency;
  @ApiProperty() ownerPartnerId!: string;
  @ApiProperty({ type: [SeriesPoint] }) series!: SeriesPoint[];
  @ApiProperty({ type: 'string', nullable: true }) latestPeriod!: string | null;
  @ApiProperty({ type: 'number', nullable: true }) latest!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) attainment!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) expected!: number | null;
  @ApiProperty({ enum: KPI_STATUSES }) status!: KpiStatus;
  @ApiProperty({ type: [TargetRevision] }) targetHistory!: TargetRevision[];
  @ApiProperty({ type: [PeriodStatus] }) statusHistory!: PeriodStatus[];
}

class DashboardEffect implements EffectViewShape {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'number', nullable: true }) attainment!: number | null;
  @ApiProperty({ type: [DashboardKpi] }) kpis!: DashboardKpi[];
}

class StatusThresholds implements StatusThresholdsShape {
  @ApiProperty() tolerance!: number;
  @ApiProperty() riskTolerance!: number;
}

/** GET /api/initiatives/:id/kpis: the joint KPI dashboard (also what a review verdict freezes). */
export class KpiDashboard implements KpiDashboardShape {
  @ApiProperty({ type: 'string', nullable: true }) initiativeId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) title!: string | null;
  @ApiProperty({ type: 'number', nullable: true }) attainment!: number | null;
  @ApiProperty({ type: [DashboardEffect] }) effects!: DashboardEffect[];
  @ApiProperty({ type: StatusThresholds }) thresholds!: StatusThresholds;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'domain time of the last event that changed the dashboard' }) asOf!:
    string | null;
}
