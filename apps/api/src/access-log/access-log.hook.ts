import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Clock } from '../write/clock';
import { AccessLogWriter } from './access-log.writer';
import { accessRecordOf } from './access-record';

/**
 * Sees every answer after it was sent, with its final status, whichever path produced it: a
 * controller, the guard's 403, a 404 from a query for another network's initiative. So reads are
 * logged without a line in any controller, and a refused read as surely as an answered one.
 */
@Injectable()
export class AccessLogHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (!this.writer.enabled) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const record = accessRecordOf(request, reply, this.clock.now());
      if (record) this.writer.record(record);
      done();
    });
  }
}
