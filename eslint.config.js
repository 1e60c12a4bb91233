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
);
