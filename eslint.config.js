import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Layers are `no-restricted-imports` rules. A later block replaces the rule's options for the
 * files it matches (flat config does not merge them), so each block lists every rule set that
 * applies to its files, combined with `restrict(...)`. Patterns match the import as written
 * (relative), so folder names stand for folders of electron/core. See docs/architecture.md.
 */

const noElectron = {
  name: 'electron',
  message:
    'The engine, the host and shared/ run in plain Node: only electron/main and electron/preload may import electron.',
};

/** electron/core and electron/host: plain Node, never the Electron shell. */
const engineLayer = {
  paths: [noElectron],
  patterns: [
    {
      group: ['**/electron/main/**', '**/electron/preload/**', '../main/*', '../preload/*'],
      message: 'The engine never depends on the Electron shell.',
    },
  ],
};

/** Product code never imports test helpers; tests and other testing/ files may. */
const noTesting = {
  patterns: [
    {
      regex: '(^|/)testing(/|$)',
      message:
        'Product code never imports a testing/ folder: move what it needs into the product, or keep this code in a test or a testing/ file.',
    },
  ],
};

/** Only electron/main, electron/host and test helpers create the engine. */
const noEngineRoot = {
  patterns: [
    {
      regex: '(^|/)engine$',
      message:
        'Only electron/main, electron/host and test helpers import engine.ts; inside the engine, take what you need from a module (its <folder>-module.ts).',
    },
  ],
};

/** Folders of electron/core that export a module factory from `<folder>-module.ts`. */
const moduleFolders = [
  'accounts',
  'app',
  'configs',
  'distribution',
  'ffmpeg',
  'generation',
  'jobs',
  'media',
  'render',
  'runs',
  'settings',
];
/** Folders of electron/core that serve every module and know none. */
const infrastructureFolders = ['db', 'ipc', 'logging', 'runtime', 'scheduler', 'secrets', 'time'];
const anyModule = moduleFolders.join('|');

/** A module reaches another only through that one's public face, `<folder>-module.ts`. */
const throughModules = {
  patterns: [
    {
      regex: `^(\\.\\./)+(${anyModule})/(?!\\2-module$)`,
      message:
        "Another module is reached only through its <folder>-module.ts (its factory, service types and hand-over types): export what you need there instead of importing the module's inside.",
    },
  ],
};

/** Infrastructure knows no module. */
const noModules = {
  patterns: [
    {
      regex: `^(\\.\\./)+(${anyModule})/`,
      message: `${infrastructureFolders.join(', ')} serve every module and import none: pass what they need in as a function or an interface.`,
    },
  ],
};

/**
 * jobs/ knows nothing of what its jobs do: it imports only ports, errors, the module type, db,
 * ipc, logging, runtime, core testing helpers and the jobs' own shared types. `depth`: how many
 * folders below electron/core the files are (patterns see the import as written).
 */
function jobsLayer(depth) {
  const up = (n) => '\\.\\./'.repeat(n);
  const message =
    'jobs/ knows nothing of what its jobs do: it imports only ports, errors, engine-module, db/, ipc/, logging/, runtime/, testing/ and shared/domain/jobs or shared/contract/jobs-channels. Pass domain behaviour in as a JobHandler.';
  return {
    patterns: [
      {
        regex: `^${up(depth)}(?!\\.\\./)(?!(ports|errors|engine-module)$|(db|ipc|logging|runtime|testing|jobs)/)`,
        message,
      },
      { regex: `^${up(depth + 1)}(?!\\.\\./)`, message },
      { regex: `^${up(depth + 2)}shared/(?!domain/jobs$|contract/jobs-channels$)`, message },
    ],
  };
}

function restrict(...sets) {
  return [
    'error',
    {
      paths: sets.flatMap((set) => set.paths ?? []),
      patterns: sets.flatMap((set) => set.patterns ?? []),
    },
  ];
}

const tests = ['**/*.test.ts', '**/testing/**'];
const core = (folders) => folders.map((folder) => `electron/core/${folder}/**/*.ts`);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tsbuild/**',
      '.native/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(engineLayer) },
  },
  {
    files: ['electron/host/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting) },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(noTesting) },
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting, noEngineRoot) },
  },
  {
    files: core(moduleFolders),
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(engineLayer, noTesting, noEngineRoot, throughModules),
    },
  },
  {
    files: core(infrastructureFolders),
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting, noEngineRoot, noModules) },
  },
  {
    files: ['electron/core/jobs/*.ts'],
    rules: { 'no-restricted-imports': restrict(engineLayer, jobsLayer(1)) },
  },
  {
    files: ['electron/core/jobs/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting, jobsLayer(1)) },
  },
  {
    files: ['electron/core/jobs/testing/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(engineLayer, jobsLayer(2)) },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            { name: 'react', message: 'shared/ holds contract and domain types only.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ is imported by the renderer: no Node modules.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ depends on nothing in the app.',
            },
            ...noTesting.patterns,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the app only through window.api.' },
          ],
          patterns: [
            {
              group: ['**/electron/**', 'electron/*'],
              message: 'The renderer never imports from electron/: use window.api.',
            },
            { group: ['node:*'], message: 'The renderer has no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*'],
    rules: { 'no-console': 'off' },
  },
);
