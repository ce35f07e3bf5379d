#!/usr/bin/env node
/**
 * `npm start` builds only what changed since the last build: the API (tsc into dist/) and the web
 * app (vite into apps/web/dist/). A fresh clone builds both once; an unchanged tree starts at once.
 * Staleness is judged by modification times: the newest source file against the build's stamp.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');

const newest = (paths, skip) => {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path) || skip.some((s) => path.startsWith(s))) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return latest;
};

const stampTime = (stamp) => (existsSync(stamp) ? statSync(stamp).mtimeMs : 0);

const targets = [
  {
    name: 'API',
    stamp: join(root, 'dist', '.build-stamp'),
    sources: ['apps/api', 'apps/cli', 'libs', 'events', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    skip: [join(root, 'apps', 'web')],
    build: () =>
      execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  },
  {
    name: 'web app',
    stamp: join(root, 'apps', 'web', 'dist', '.build-stamp'),
    sources: ['apps/web', 'events', 'package-lock.json'],
    skip: [join(root, 'apps', 'web', 'dist')],
    build: () =>
      execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.config.mts'], {
        cwd: root,
        stdio: 'inherit',
      }),
  },
];

const only = process.argv[2];
for (const target of targets) {
  if (only && !target.name.toLowerCase().startsWith(only)) continue;
  if (newest(target.sources, target.skip) <= stampTime(target.stamp)) continue;
  process.stderr.write(`building the ${target.name}…\n`);
  target.build();
  writeFileSync(target.stamp, new Date().toISOString() + '\n');
}
