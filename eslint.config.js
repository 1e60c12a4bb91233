// Type-aware lint for every workspace: the rules STYLE.md asks for, on top of the recommended sets.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The apps' build configs leave tests out; their tsconfig.test.json take them in, so tests are linted too.
    languageOptions: {
      parserOptions: {
        project: ['packages/*/tsconfig.test.json', 'apps/*/tsconfig.test.json', 'test-fixtures/tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  // Import direction (DESIGN.md): core is pure; only the AWS adapters (and the moto seeding kit) speak AWS SDK;
  // TUI components only draw, so they never reach up into the app.
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*'], message: 'core is pure: file I/O belongs in @vaultscope/sources or the apps.' },
        { group: ['@aws-sdk/*'], message: 'core never imports the AWS SDK: the adapters live in @vaultscope/sources/aws.' },
        { group: ['better-sqlite3'], message: 'core never imports SQLite: the history lives in @vaultscope/ledger.' },
      ] }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['packages/sources/src/aws/**', 'test-fixtures/src/moto/**', 'packages/core/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@aws-sdk/*'], message: 'only packages/sources/src/aws speaks the AWS SDK.' },
      ] }],
    },
  },
  {
    // Views are pure projections of the model (model/) into view models: the app shell is above them.
    files: ['apps/tui/src/views/**/*.{ts,tsx}'],
    ignores: ['apps/tui/src/views/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/app/*', '**/app/**'], message: 'views project model/ data into view models; they never import app/ (the shell, its reducer and its model plumbing).' },
        { group: ['@aws-sdk/*'], message: 'only packages/sources/src/aws speaks the AWS SDK.' },
      ] }],
    },
  },
  {
    files: ['apps/tui/src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/app/*', '**/app/**'], message: 'components only draw: they import theme/ and views/ types, never app/.' },
        { group: ['@aws-sdk/*'], message: 'only packages/sources/src/aws speaks the AWS SDK.' },
      ] }],
    },
  },
);
