import { Module } from '@nestjs/common';
import { EventLogController } from './event-log.controller';

/** Getting the log out: the global event log as NDJSON for analysts and admins. */
@Module({ controllers: [EventLogController] })
export class ExportsModule {}
