/** The layering of style.md, checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'events-import-nothing',
      comment: 'events/ is the contract with every stored byte: it imports nothing outside itself',
      severity: 'error',
      from: { path: '^events/' },
      to: { pathNot: '^events/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/initiative is the pure domain: only events/, libs/privacy and itself; no NestJS, no I/O',
      severity: 'error',
      from: { path: '^libs/initiative/' },
      to: { pathNot: '^(events|libs/initiative|libs/privacy)/' },
    },
    {
      name: 'privacy-is-pure',
      severity: 'error',
      from: { path: '^libs/privacy/' },
      to: { pathNot: '^libs/privacy/|node_modules/(libphonenumber-js|ibantools)/' },
    },
    {
      name: 'libs-do-not-know-apps',
      comment: 'NestJS, HTTP and the CLI live in apps/ only',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|test|bench)/' },
    },
    {
      name: 'no-nest-in-libs',
      severity: 'error',
      from: { path: '^(libs|events)/' },
      to: { path: 'node_modules/@nestjs/' },
    },
    {
      name: 'write-side-knows-no-http',
      comment: 'apps/api/src/write says what a command did as data (CommandOutcome); status codes and problem documents are made in apps/api/src/http',
      severity: 'error',
      from: { path: '^apps/api/src/write/' },
      to: { path: '^apps/api/src/http/' },
    },
    {
      name: 'web-app-talks-http-only',
      comment:
        'the web app reaches the API only over HTTP: besides itself it may import the event vocabulary (events/) and the codes of gate findings, of field errors and of personal data (word lists that import nothing), nothing of the server',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: {
        pathNot:
          '^(apps/web|events)/|^libs/initiative/src/gate-finding-codes\\.ts$|^libs/initiative/src/field-error-codes\\.ts$|^libs/privacy/src/personal-data-codes\\.ts$|node_modules',
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'nobody-imports-the-web-app',
      severity: 'error',
      from: { pathNot: '^apps/web/' },
      to: { path: '^apps/web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts|/testing/[^/]+\\.ts)$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
