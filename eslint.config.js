// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'util', 'zlib', 'worker_threads'];

/**
 * The layering from DESIGN.md: shared ← core ← handlers ← main / server / cli; renderer → shared only.
 * Each layer lists what it must never import (modules and the folders of other layers).
 */
function layer(files, { modules = [], folders = [], message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...modules.map((group) => ({ group: [group], message })),
            ...folders.map((folder) => ({ group: [`**/${folder}`, `**/${folder}/**`], message })),
          ],
        },
      ],
    },
  };
}

const UI = ['react', 'react-dom', 'react-dom/*', 'react/*', 'three', 'three/*', '@react-three/*', 'zustand', 'i18next', 'react-i18next'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
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
  layer(['src/shared/**'], {
    modules: ['electron', ...UI, ...NODE_BUILTINS, 'better-sqlite3'],
    folders: ['core', 'handlers', 'server', 'main', 'preload', 'cli', 'renderer'],
    message: 'src/shared is imported by every layer, the renderer included: no Node, Electron, React or other layers.',
  }),
  layer(['src/core/**'], {
    modules: ['electron', ...UI],
    folders: ['handlers', 'server', 'main', 'preload', 'cli', 'renderer'],
    message: 'src/core is plain Node: it may import only src/shared and Node/npm libraries.',
  }),
  layer(['src/handlers/**'], {
    modules: ['electron', ...UI],
    folders: ['server', 'main', 'preload', 'cli', 'renderer'],
    message: 'Handlers bind the contract to the core; hosts import them, not the other way round.',
  }),
  layer(['src/server/**', 'src/cli/**'], {
    modules: ['electron', ...UI],
    folders: ['main', 'preload', 'renderer'],
    message: 'The browser host and the CLI run without Electron or React.',
  }),
  layer(['src/main/**'], {
    modules: [...UI],
    folders: ['renderer', 'server', 'cli'],
    message: 'The Electron shell binds the handlers; it never imports the renderer or the other hosts.',
  }),
  layer(['src/preload/**'], {
    modules: [...UI, 'better-sqlite3'],
    folders: ['core', 'handlers', 'server', 'main', 'cli', 'renderer'],
    message: 'The preload exposes invoke and on, nothing else.',
  }),
  layer(['src/renderer/**'], {
    modules: ['electron', ...NODE_BUILTINS, 'better-sqlite3', 'yauzl', 'yazl'],
    folders: ['core', 'handlers', 'server', 'main', 'preload', 'cli'],
    message: 'The renderer knows only the contract client (src/shared); data comes through api.invoke.',
  }),
);
