// ESLint flat config: typescript-eslint's type-aware rules that catch real mistakes (a promise
// nobody awaits, an `any` leaking out, a condition that is always true), not matters of taste —
// formatting is Prettier's (`npm run format`). `npm run lint` runs it; .ci/run fails on an error.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'src/db/generated/**',
      'src/db/generated-pg/**',
      'bench/out/**',
      'bench/peers/**',
      'models/**',
      'data/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Promises: each one awaited, returned, or handed on with `void` and a reason.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': ['error', { destructuring: 'all' }],
      // An async function without await is how an interface's async method is often met: not a bug.
      '@typescript-eslint/require-await': 'off',
      // Text cleaning matches control and invisible characters on purpose.
      'no-control-regex': 'off',
      // String(x) of an `unknown` cell or driver field is meant: objects are JSON-encoded before it.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON (bodies, reports, CSV rows) as `any` and assert on its shape.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // describeEachProvider hands its helpers as a destructured object of plain functions.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The Ink shell: React's rules of hooks, so the two eslint-disable comments there mean something.
    files: ['tui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The engine never loads the terminal UI or the CLI's libraries (docs/ARCHITECTURE.md; the
    // folder-to-folder rules are checked by tests/architecture/layers.test.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'ink', 'commander', 'ink-testing-library'].map((name) => ({
            name,
            message: 'src/ outside src/cli is the engine: no UI or CLI libraries (docs/ARCHITECTURE.md)',
          })),
          patterns: [{ group: ['**/tui/**', '**/tui'], message: 'the engine does not import the terminal UI (docs/ARCHITECTURE.md)' }],
        },
      ],
    },
  },
  {
    // Plain JavaScript (scripts, bin, configs): no type information to check against.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null, project: false },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
