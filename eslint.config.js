import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import tseslint from 'typescript-eslint';
import { defineConfig, globalIgnores } from 'eslint/config';

// What every file of src/model may not import. ESLint replaces a rule's options block by block, so
// each src/model block below repeats these patterns before its own: one list, spread into each.
const MODEL_PURE = [
  {
    group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*'],
    message: 'src/model is pure TypeScript.',
  },
  {
    group: ['**/store/**', '**/views/**', '**/ui/**', '**/url/**'],
    message: 'src/model may not import app layers.',
  },
];

// The whole built-in library at once (src/scenarios/library/all.ts) is for Node: the CLI, scripts
// and tests. The app opens built-ins by id (loadBuiltin), each its own chunk.
const LIBRARY_ALL = {
  group: ['**/scenarios/library/all'],
  message:
    'The app opens built-ins by id (loadBuiltin from src/scenarios/library); all.ts would put every built-in in the initial chunk.',
};
const MODEL_FRONT_DOOR = {
  group: ['**/model/*', '!**/store/model'],
  message: 'Import the model through its index (src/model), not its files (docs/adr/0007).',
};

export default defineConfig([
  globalIgnores(['dist', 'test-results', 'playwright-report', 'bench/out', 'coverage', 'dev-dist']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite,
    ],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'No HTML sinks: build DOM nodes instead.' },
        { property: 'outerHTML', message: 'No HTML sinks: build DOM nodes instead.' },
        { property: 'insertAdjacentHTML', message: 'No HTML sinks: build DOM nodes instead.' },
        { property: 'write', object: 'document', message: 'No HTML sinks.' },
        { property: 'writeln', object: 'document', message: 'No HTML sinks.' },
        { property: 'srcdoc', message: 'No HTML sinks: an iframe loads a URL.' },
        { property: 'createContextualFragment', message: 'No HTML sinks.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No HTML sinks (G-S3): render text, or build DOM nodes.',
        },
        {
          // One exhaustiveness check for every switch over a union: exhaustive(x) throws if a
          // value nobody handles arrives at run time; an inline `const never: never` returns it.
          selector: "VariableDeclarator[id.typeAnnotation.typeAnnotation.type='TSNeverKeyword']",
          message: 'End the switch with exhaustive(x) (src/model/exhaustive.ts).',
        },
        {
          // `state.devices['constructor']` is Object.prototype's member, not a device: names from
          // outside (scenarios, links) are looked up with own() of src/model/own.ts.
          selector:
            "MemberExpression[computed=true][object.property.name='devices'][property.type!='Literal']:not(AssignmentExpression > MemberExpression.left):not(UnaryExpression[operator='delete'] > MemberExpression.argument)",
          message: 'Look names up with own(record, name) (src/model/own.ts): own properties only.',
        },
      ],
    },
  },
  {
    // The model is pure: no UI frameworks, DOM, clock or randomness (docs/adr/0001).
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...MODEL_PURE],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The model is deterministic.' },
        { object: 'Date', property: 'now', message: 'The model has no clock.' },
        { object: 'performance', property: 'now', message: 'The model has no clock.' },
      ],
    },
  },
  {
    // The kernel core knows a driver only through the ops it registered (src/model/driver_api.ts):
    // no file of the core imports src/model/driver, with no exceptions in the core. Only the
    // kernel images (vmlinux.ts, vmlinux_v612.ts), the public index and tests link drivers in (docs/adr/0007).
    files: ['src/model/**/*.ts'],
    ignores: [
      'src/model/driver/**',
      'src/model/vmlinux.ts',
      'src/model/vmlinux_v612.ts',
      'src/model/index.ts',
      'src/model/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...MODEL_PURE,
            {
              group: ['./driver', './driver/*', '../driver', '../driver/*', '**/model/driver/**'],
              message:
                'The kernel core reaches a driver only through its registered ops (driver_api.ts); ' +
                'link drivers in src/model/vmlinux.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // A driver is built on the core and registered by the image; it never imports the image back.
    files: ['src/model/driver/**/*.ts'],
    ignores: ['src/model/driver/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...MODEL_PURE,
            {
              group: ['../vmlinux', '../index', '../step', '../run'],
              message: 'A driver uses kernel functions, not the kernel image that links it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Views, the store and the UI meet the model through its front door only (docs/adr/0007):
    // src/model/index.ts, whose query API answers what they ask, so the model's tables can be
    // retuned without touching a view.
    files: ['src/views/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [MODEL_FRONT_DOOR, LIBRARY_ALL] }],
    },
  },
  {
    // Their tests may load the whole library (they run in Node).
    files: ['src/views/**/*.test.{ts,tsx}', 'src/store/**/*.test.ts', 'src/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [MODEL_FRONT_DOOR] }],
    },
  },
  {
    // The rest of the app: links, ingestion, the scenario layer, lessons, the entry point.
    files: [
      'src/url/**/*.ts',
      'src/ingest/**/*.ts',
      'src/scenarios/**/*.ts',
      'src/lesson/**/*.ts',
      'src/main.tsx',
    ],
    ignores: ['**/*.test.ts', 'src/scenarios/library/all.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [LIBRARY_ALL] }],
    },
  },
]);
