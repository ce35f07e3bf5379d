import { Text } from '../http/text';

export class EraseFreeTextDto {
  /** kept readable in the FreeTextErased event: the record of why the text went */
  @Text(2000, { description: 'why the free text is erased now, e.g. the covenant retention ran out' })
  reason!: string;
}
