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
  'alerts',
  'api-tokens',
  'app',
  'automation',
  'batch',
  'calendar',
  'configs',
  'distribution',
  'ffmpeg',
  'generation',
  'health',
  'jobs',
  'media',
  'render',
  'retention',
  'runs',
  'settings',
  'statistics',
  'storage',
  'backup',
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

/** The renderer talks to the app only through window.api. */
const rendererLayer = {
  paths: [{ name: 'electron', message: 'The renderer talks to the app only through window.api.' }],
  patterns: [
    {
      group: ['**/electron/**', 'electron/*'],
      message: 'The renderer never imports from electron/: use window.api.',
    },
    { group: ['node:*'], message: 'The renderer has no Node.' },
  ],
};

/** shared/ is imported by both sides: no Node, no React, nothing of the app. */
const sharedLayer = {
  paths: [noElectron, { name: 'react', message: 'shared/ holds contract and domain types only.' }],
  patterns: [
    { group: ['node:*'], message: 'shared/ is imported by the renderer: no Node modules.' },
    {
      group: ['**/electron/**', '**/renderer/**', '**/emulators/**'],
      message: 'shared/ depends on nothing in the app.',
    },
  ],
};

/** Product code never imports emulators/: only tests and testing/ kits run against them. */
const noEmulators = {
  patterns: [
    {
      group: ['**/emulators/**'],
      message:
        'Product code never imports emulators/: only tests (*.test.ts) and testing/ kits run the product against them.',
    },
  ],
};

/**
 * Adapters know nothing of domains: a file under electron/core/platforms imports only shared/,
 * electron/core/errors, time and ports, and platforms/ itself (tests also emulators/). Imports
 * are matched as written, so there is one pattern per folder depth below platforms/.
 */
function adapterLayer(depth, allowEmulators) {
  const toCore = '\\.\\./'.repeat(depth + 1);
  const allowed = ['errors$', 'time(/|$)', 'ports$', 'platforms(/|$)', '\\.\\./\\.\\./shared/'];
  if (allowEmulators) allowed.push('\\.\\./\\.\\./emulators/');
  return {
    patterns: [
      {
        regex: `^${toCore}(?!${allowed.join('|')})`,
        message:
          'Adapters know nothing of domains: electron/core/platforms imports only shared/, electron/core/errors, time, ports and platforms/. Move the type here or pass it in.',
      },
    ],
  };
}

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
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting, noEmulators) },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(noTesting, noEmulators) },
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting, noEngineRoot, noEmulators) },
  },
  {
    files: core(moduleFolders),
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        engineLayer,
        noTesting,
        noEngineRoot,
        noEmulators,
        throughModules,
      ),
    },
  },
  {
    files: core(infrastructureFolders),
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        engineLayer,
        noTesting,
        noEngineRoot,
        noEmulators,
        noModules,
      ),
    },
  },
  {
    files: ['electron/core/jobs/*.ts'],
    rules: { 'no-restricted-imports': restrict(engineLayer, jobsLayer(1)) },
  },
  {
    files: ['electron/core/jobs/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(engineLayer, noTesting, noEmulators, jobsLayer(1)) },
  },
  {
    files: ['electron/core/jobs/testing/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(engineLayer, jobsLayer(2)) },
  },
  ...[0, 1, 2].flatMap((depth) => {
    const files = `electron/core/platforms/${'*/'.repeat(depth)}*.ts`;
    return [
      {
        files: [files],
        ignores: tests,
        rules: {
          'no-restricted-imports': restrict(
            engineLayer,
            noTesting,
            noEngineRoot,
            noEmulators,
            adapterLayer(depth, false),
          ),
        },
      },
      {
        files: tests.map((test) => [files, test]),
        rules: { 'no-restricted-imports': restrict(engineLayer, adapterLayer(depth, true)) },
      },
    ];
  }),
  {
    // An emulator never imports the code it checks: it speaks the protocol as documented.
    files: ['emulators/**/*.ts'],
    ignores: ['emulators/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Emulators are plain Node HTTP servers.' }],
          patterns: [
            {
              group: ['**/electron/**', '**/shared/**', '**/renderer/**'],
              message:
                "An emulator never imports the code it checks: state the platform's protocol here, from its documentation (PLATFORMS.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox is where product and emulators meet: it starts the host as its command line does.
    files: ['emulators/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: '(^|/)electron/(?!host/serve-headless$)',
              message:
                'The sandbox starts the product only through electron/host/serve-headless, as its command line does.',
            },
            { group: ['**/renderer/**'], message: 'The sandbox serves the built renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(sharedLayer) },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(sharedLayer, noTesting) },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(rendererLayer, noEmulators),
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**'],
    rules: { 'no-restricted-imports': restrict(rendererLayer, noEmulators, noTesting) },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*'],
    rules: { 'no-console': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `{}` means none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
);
