import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { openSealedEventStore } from '../../../../libs/data-keys/src';
import type { EventStore, EventStoreKind } from '../../../../libs/event-store/src';
import type { Environment } from '../config/environment';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { timeAppends } from '../metrics/timed-appends';

export const EVENT_STORE = Symbol('EventStore');
export const InjectEventStore = () => Inject(EVENT_STORE);

// Every writer (initiative commands, partner registration, the saga) appends through this one
// instance, so timing it here covers them all. Every reader reads through it too: it is the
// sealing store, which opens free text (or shows it erased) for all of them in one place.
export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [ConfigService, MetricsRegistry],
  useFactory: async (config: ConfigService<Environment, true>, metrics: MetricsRegistry): Promise<EventStore> => {
    const kind: EventStoreKind = config.get('EVENT_STORE', { infer: true });
    const store = await openSealedEventStore({
      kind,
      dataDir: config.get('DATA_DIR', { infer: true }),
      databaseUrl: config.get('DATABASE_URL', { infer: true }),
      eventstoreConnectionString: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
      production: config.get('NODE_ENV', { infer: true }) === 'production',
      dataKeySecret: config.get('DATA_KEY_SECRET', { infer: true }),
    });
    return timeAppends(store, metrics.appendSeconds, kind);
  },
};

/** Closes the store last, after the HTTP server stopped taking requests. */
@Injectable()
export class EventStoreCloser implements OnApplicationShutdown {
  constructor(@InjectEventStore() private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
