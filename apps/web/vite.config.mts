import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The web app, built into apps/web/dist and served by the API at / (see apps/api/src/web). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  // `npm run dev:web`: the app with hot reload, talking to an API started on port 3000.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
