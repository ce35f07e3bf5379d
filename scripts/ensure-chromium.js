#!/usr/bin/env node
/**
 * The web app's tests drive Debian's Chromium through playwright-core (no browser download: this
 * machine reaches only the npm registry and Debian). `npm test` calls this first: it finds the
 * browser, or as root with apt-get installs Debian's `chromium` package, or says what to do.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const hint = "install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary";
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
  process.stderr.write(`the web app's browser tests need Chromium at ${path}: ${hint}\n`);
  process.exit(1);
}
process.stderr.write('[web tests] Chromium not found: installing Debian package "chromium" (apt-get)…\n');
const run = (args) =>
  execFileSync('apt-get', args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 900_000,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
try {
  run(['update', '-qq']);
  run(['install', '-y', '-qq', 'chromium']);
} catch (error) {
  process.stderr.write(`installing chromium with apt-get failed: ${error.message}\n${hint}\n`);
  process.exit(1);
}
if (!existsSync(path)) {
  process.stderr.write(`apt-get installed chromium, but ${path} is still missing: ${hint}\n`);
  process.exit(1);
}
