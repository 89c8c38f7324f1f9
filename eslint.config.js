import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries (DESIGN.md §1): edge, origin, web and loadtest import core and never each
// other; core imports no other folder; the edge's runtime-neutral code imports no node: module.
const folders = ['core', 'edge', 'origin', 'web', 'loadtest', 'infra', 'local'];
const forbid = (from, allowed, extra = []) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...folders
            .filter((folder) => folder !== from && !allowed.includes(folder))
            .map((folder) => ({ group: [`**/${folder}/*`, `**/${folder}`], message: `${from}/ must not import ${folder}/ (DESIGN.md §1)` })),
          ...extra,
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.d.ts', 'infra/cdk.out/**', '**/sample-media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  forbid('core', []),
  forbid('edge', ['core'], [
    { group: ['node:*'], message: 'edge/ runs on Workers and Lambda@Edge: Web APIs only' },
    { group: ['pino', 'prom-client'], message: 'Node-only: the edge logs and counts through its EdgeObserver; pino and prom-client live in entry/node-telemetry.ts' },
    { group: ['**/core/node', '**/core/node/*'], message: 'core/node is for the Node entries only' },
  ]),
  forbid('origin', ['core']),
  forbid('web', ['core']),
  forbid('loadtest', ['core']),
  forbid('local', ['core', 'origin', 'edge']),
  forbid('infra', ['core', 'origin', 'edge']),
  {
    // The Node entry of the edge is the one place node: modules are allowed.
    files: ['edge/entry/node*.ts', 'edge/**/*.test.ts', 'edge/runtime-tests/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests read JSON answers loosely on purpose: the assertions are the type check.
    files: ['**/*.test.ts', 'test/**/*.ts', '**/test-support/**/*.ts', '**/runtime-tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Scripts anyone runs with plain Node (docs/verify-draw.mjs): JavaScript, linted without types.
    files: ['docs/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', URL: 'readonly' },
    },
  },
);
