/**
 * npm run lint:openapi: writes the OpenAPI document the app serves at /docs-json to a temporary
 * file, without listening on a port (Fastify's inject), and lints it with redocly's recommended
 * rules (redocly.yaml). Exits with redocly's status, so npm test fails on any error or warning.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/app.factory';

const writeDocument = async (dir: string): Promise<string> => {
  const app = await createApp({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  try {
    const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
    if (answer.statusCode !== 200) throw new Error(`/docs-json answered ${answer.statusCode}: ${answer.body}`);
    const file = join(dir, 'openapi.json');
    writeFileSync(file, answer.body);
    return file;
  } finally {
    await app.close();
  }
};

const main = async (): Promise<number> => {
  const dir = mkdtempSync(join(tmpdir(), 'regie-openapi-'));
  try {
    const file = await writeDocument(dir);
    const lint = spawnSync('redocly', ['lint', file, '--config', join(__dirname, '..', 'redocly.yaml'), '--format', 'stylish', '--max-problems', '1000'], {
      encoding: 'utf8',
      // A lint in npm test phones nobody: no usage telemetry, no update check.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    if (lint.error) throw lint.error;
    process.stdout.write(lint.stdout);
    process.stderr.write(lint.stderr);
    // redocly exits 0 on warnings alone ("You have 2 warnings."); the bar here is none of either.
    const warned = /You have \d+ warnings?/.test(lint.stdout + lint.stderr);
    return lint.status !== 0 ? (lint.status ?? 1) : warned ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`lint:openapi: ${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
    process.exit(1);
  },
);
