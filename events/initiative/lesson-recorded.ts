import type { Recorded } from '../recorded';

/** Something the network learned while experimenting or integrating. */
export type LessonRecorded = Recorded<
  'LessonRecorded',
  1,
  {
    initiativeId: string;
    lessonId: string;
    lesson: string;
    occurredAt: string;
  }
>;
