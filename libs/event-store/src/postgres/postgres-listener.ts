import { Client } from 'pg';
import { POSTGRES_EVENTS_CHANNEL } from './postgres-schema';

/**
 * The one LISTEN connection of a store: started with the first subscription, reconnected after a
 * loss. A notification, and every (re)connect, calls `onChange`: whatever was committed while not
 * listening is then looked for by the subscriptions.
 */
export class PostgresListener {
  private client: Client | null = null;
  private started = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(failures: number): Promise<void> {
    if (this.closed) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 10_000,
      application_name: 'regie-event-store-listener',
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      this.scheduleReconnect(failures + 1);
    };
    client.on('error', onLost);
    client.on('end', () => {
      if (!this.closed) onLost();
    });
    client.on('notification', () => this.onChange());
    try {
      await client.connect();
      await client.query(`LISTEN ${POSTGRES_EVENTS_CHANNEL}`);
    } catch {
      onLost();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    failures = 0;
    this.onChange();
  }

  private scheduleReconnect(failures: number): void {
    if (this.closed) return;
    const delay = Math.min(100 * 2 ** Math.min(failures, 6), 5_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect(failures);
    }, delay);
    this.reconnectTimer.unref();
  }
}
