// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint-rules/layers.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**'],
    rules: {
      // Lesson content is data: never render HTML from strings.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with React; lesson content is never HTML.' },
        { property: 'outerHTML', message: 'Render text with React; lesson content is never HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text with React; lesson content is never HTML.' },
        { selector: "Literal[value=/^file:\\/\\//]", message: 'Content comes from kite:// or the browser host, never file://.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // The layers of docs/ARCHITECTURE.md, as an allow-list (eslint-rules/layers.js).
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { kite: layers },
    rules: { 'kite/layer-imports': 'error' },
  },
);
