/** Import direction of DESIGN.md §2, checked by `npm run check:imports` (part of `npm test`). */
const allowed = {
  spec: [],
  core: ['spec'],
  sdk: ['spec'],
  server: ['spec', 'core'],
  cli: ['spec', 'core', 'server'],
  web: ['spec'],
  testkit: ['spec'],
};
const packages = Object.keys(allowed);
const tests = '\\.(test|contract)\\.ts$|/testing/|/scripts/';

module.exports = {
  forbidden: [
    ...packages.map((name) => ({
      name: `${name}-imports-only-${allowed[name].join('-') || 'nothing'}`,
      comment: `packages/${name} may import only ${allowed[name].join(', ') || 'no other genchi package'} (DESIGN.md §2)`,
      severity: 'error',
      from: { path: `^packages/${name}/src/`, pathNot: tests },
      to: { path: `^packages/(${packages.filter((other) => other !== name && !allowed[name].includes(other)).join('|')})/` },
    })),
    {
      name: 'entry-points-only',
      comment: 'another package is imported through its entry points (its index, or a light subpath it exports), never a file inside it',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/([^/]+)/src/',
        pathNot: ['^packages/$1/', '^packages/[^/]+/src/index\\.ts$', '^packages/spec/src/values\\.ts$', '^packages/core/src/writing\\.ts$', '^packages/server/src/testing/index\\.ts$'],
      },
    },
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { conditionNames: ['@genchi/source', 'import', 'node', 'default'], exportsFields: ['exports'], extensions: ['.ts', '.tsx', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
