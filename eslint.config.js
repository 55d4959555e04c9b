import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message:
    'The engine, the host and shared/ run in plain Node: only electron/main and electron/preload may import electron.',
};
const noShell = {
  group: ['**/electron/main/**', '**/electron/preload/**', '../main/*', '../preload/*'],
  message: 'The engine never depends on the Electron shell.',
};
const noEmulators = {
  group: ['**/emulators/**'],
  message:
    'Product code never imports emulators/: only tests (*.test.ts) and testing/ kits run the product against them.',
};
// Test code: it may start emulators.
const testFiles = ['**/*.test.ts', '**/testing/**'];

// Flat config replaces a rule's options per file, so each block states all its restrictions.
const engineImports = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: [noElectron], patterns }],
});

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
    regex: `^${toCore}(?!${allowed.join('|')})`,
    message:
      'Adapters know nothing of domains: electron/core/platforms imports only shared/, electron/core/errors, time, ports and platforms/. Move the type here or pass it in.',
  };
}
const platformBlocks = [0, 1, 2].flatMap((depth) => {
  const files = `electron/core/platforms/${'*/'.repeat(depth)}*.ts`;
  return [
    {
      files: [files],
      ignores: testFiles,
      rules: engineImports(noShell, noEmulators, adapterLayer(depth, false)),
    },
    {
      files: testFiles.map((test) => [files, test]),
      rules: engineImports(noShell, adapterLayer(depth, true)),
    },
  ];
});

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
    ignores: testFiles,
    rules: engineImports(noShell, noEmulators),
  },
  {
    files: testFiles.flatMap((test) => [
      ['electron/core/**/*.ts', test],
      ['electron/host/**/*.ts', test],
    ]),
    rules: engineImports(noShell),
  },
  ...platformBlocks,
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noEmulators] }] },
  },
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
              group: ['**/electron/**', '**/renderer/**', '**/emulators/**'],
              message: 'shared/ depends on nothing in the app.',
            },
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
            noEmulators,
          ],
        },
      ],
    },
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
