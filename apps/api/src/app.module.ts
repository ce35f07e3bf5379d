import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AuthGuard } from './auth/auth.guard';
import { tokenVerifierProvider } from './auth/token-verifier.provider';
import { type Environment, validateEnvironment } from './config/environment';
import { EventStoreHealthIndicator } from './health/event-store.health';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { StoreFailures } from './http/store-failures';
import { RegieThrottlerGuard } from './http/regie-throttler.guard';
import { EventStoreCloser, eventStoreProvider, EVENT_STORE } from './store/event-store.provider';
import { featureModules } from './feature-modules';
import { MetricsModule } from './metrics/metrics.module';
import { ReadStoreCloser, readStoreProvider, READ_STORE } from './store/read-store.provider';
import { Clock, SystemClock } from './write/clock';
import { WriteModule } from './write/write.module';

/** The whole API. `overrides` win over process.env (tests give each app its own data directory); `logger` writes the process's lines. */
@Module({})
export class AppModule {
  static register(overrides: Partial<Record<keyof Environment, string | number>>, logger: PinoLogger, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: (raw) => validateEnvironment({ ...raw, ...overrides }),
        }),
        // The requests themselves are logged by a Fastify hook (http/request-logging.ts), not by this
        // module's middleware; this module hands Nest's Logger the same pino logger.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => {
            const limit = config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
            return { throttlers: [{ ttl: 60_000, limit: Math.max(limit, 1) }], skipIf: () => limit === 0 };
          },
        }),
        TerminusModule,
        CqrsModule.forRoot(),
        MetricsModule,
        WriteModule,
        ...featureModules,
      ],
      controllers: [HealthController],
      providers: [
        eventStoreProvider,
        EventStoreCloser,
        readStoreProvider,
        ReadStoreCloser,
        { provide: Clock, useValue: clock },
        tokenVerifierProvider,
        EventStoreHealthIndicator,
        // Global guards run in this order: the throttler first, so refused tokens are limited too.
        { provide: APP_GUARD, useClass: RegieThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        StoreFailures,
      ],
      exports: [EVENT_STORE, READ_STORE, Clock, tokenVerifierProvider],
    };
  }
}
