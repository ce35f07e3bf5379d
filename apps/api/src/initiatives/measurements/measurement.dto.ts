import { OptionalText } from '../../http/text';
import { FiniteNumber, Id, Period } from '../shared/fields';

export class RecordMeasurementDto {
  @Period()
  period!: string;

  @FiniteNumber({ example: 62.5 })
  value!: number;

  @Id({ description: 'the reporting partner; a partner member reports only for its own partner, and only KPIs its partner owns' })
  partnerId!: string;

  @OptionalText(1000, { description: 'a short narrative' })
  note?: string;
}

/** One CSV row, checked with the same rules as the JSON body. */
export class MeasurementRowDto extends RecordMeasurementDto {
  @Id()
  kpiId!: string;
}
