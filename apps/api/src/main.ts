import 'reflect-metadata';
import { createApp } from './app.factory';
import { InvalidConfiguration, validateEnvironment } from './config/environment';

const main = async () => {
  const env = validateEnvironment(process.env);
  const app = await createApp();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  process.stdout.write(`Regie API on http://localhost:${env.PORT} (store: ${env.EVENT_STORE}, data: ${env.DATA_DIR}) — docs at /docs\n`);
};

main().catch((error) => {
  if (error instanceof InvalidConfiguration) {
    process.stderr.write(`Regie cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Regie cannot start: ${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
