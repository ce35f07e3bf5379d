import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogHook } from './access-log.hook';
import { AccessLogRetention } from './access-log.retention';
import { AccessLogWriter } from './access-log.writer';

/** Who read what (NEN 7513): recorded off the request path, chained, shown to the regisseur and to each user about themselves. */
@Module({
  controllers: [AccessLogController],
  providers: [AccessLogWriter, AccessLogHook, AccessLogRetention],
  exports: [AccessLogWriter, AccessLogRetention],
})
export class AccessLogModule {}
