// ESLint flat config: typescript-eslint's type-checked rules over every TypeScript file (the API, the
// libraries, the events, the tests, the benches, the scripts and the web app with its own tsconfig),
// plain recommended rules over the CommonJS scripts, and eslint-config-prettier last so no stylistic
// rule argues with Prettier, which owns the layout (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'URL',
    'fetch',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'bench/peer/**', 'test/artifacts/**', 'coverage/**', 'data/**', '.tmp/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig that builds it: the root one, or apps/web's. The vite
        // config, in neither, takes apps/web's options (bundler resolution: vite's types resolve).
        projectService: { allowDefaultProject: ['apps/web/vite.config.mts'], defaultProject: 'apps/web/tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `{ omitted: _, ...rest }` and `_name` parameters say "deliberately unused".
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  prettier,
);
