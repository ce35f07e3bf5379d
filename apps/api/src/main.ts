import 'reflect-metadata';
import { inspect } from 'node:util';
import { InvalidConfiguration, validateEnvironment } from './config/environment';

/** An Error's stack, or whatever else was thrown, as Node would print it. */
const described = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : inspect(error));

const isAddressInUse = (error: unknown): error is { code: 'EADDRINUSE'; port?: number } =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';

const main = async () => {
  const env = validateEnvironment(process.env);
  // Loaded only once the settings are known to be good, so a bad one is reported at once.
  const { createApp } = await import('./app.factory');
  const app = await createApp();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  const port = (app.getHttpServer().address() as { port: number }).port;
  // SIGTERM: stop taking requests, let in-flight ones finish, close the stores, exit 0.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => {
      process.stderr.write(`Regie: shutdown took longer than ${env.SHUTDOWN_TIMEOUT_MS} ms after ${signal}; exiting\n`);
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Regie: shutdown failed: ${described(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdout.write(`Regie API on http://localhost:${port} (store: ${env.EVENT_STORE}, data: ${env.DATA_DIR}) — docs at /docs\n`);
};

main().catch((error: unknown) => {
  if (error instanceof InvalidConfiguration) {
    process.stderr.write(`Regie cannot start: ${error.message}\n`);
  } else if (isAddressInUse(error)) {
    // One line a newcomer can act on, not Node's stack trace.
    process.stderr.write(
      `Regie cannot start: port ${error.port ?? process.env.PORT ?? 3000} is already in use (another Regie, or another program): stop it, or start on another port with PORT=<n>\n`,
    );
  } else {
    process.stderr.write(`Regie cannot start: ${described(error)}\n`);
  }
  process.exit(1);
});
