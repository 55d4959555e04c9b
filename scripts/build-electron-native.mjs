#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron/, in a private copy of the
// package, so the Node build in node_modules (used by `npm test` and the headless host) is never
// touched: a failed Electron rebuild in place would delete it. The desktop app loads the result
// through better-sqlite3's `nativeBinding` option; electron-builder copies it into the package.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const electronVersion = readJson(path.join(root, 'node_modules/electron/package.json')).version;
const sqliteDir = path.join(root, 'node_modules/better-sqlite3');
const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;
const arch = process.env.npm_config_arch ?? process.arch;
const outDir = path.join(root, '.native/electron');
const output = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const stamp = {
  electron: electronVersion,
  betterSqlite3: sqliteVersion,
  arch,
  platform: process.platform,
};

if (
  existsSync(output) &&
  existsSync(stampFile) &&
  JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)
) {
  console.log(
    `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}) is up to date.`,
  );
  process.exit(0);
}

const work = path.join(root, '.native/work/better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(path.dirname(work), { recursive: true });
cpSync(sqliteDir, work, {
  recursive: true,
  filter: (src) =>
    !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});

// A `nodedir` setting would make node-gyp compile against Node's headers instead of Electron's,
// producing a module Electron refuses to load.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'),
);
const run = (command, args) => execFileSync(command, args, { cwd: work, stdio: 'inherit', env });
const binDir = path.join(root, 'node_modules/.bin');
try {
  // A prebuilt binary when the publisher has one for this Electron; else compile from source.
  run(path.join(binDir, 'prebuild-install'), [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    arch,
  ]);
} catch {
  const nodeGyp = process.env.npm_config_node_gyp;
  const gypArgs = [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
  ];
  try {
    if (nodeGyp) run(process.execPath, [nodeGyp, ...gypArgs]);
    else run('npx', ['--no-install', 'node-gyp', ...gypArgs]);
  } catch {
    rmSync(path.join(root, '.native/work'), { recursive: true, force: true });
    console.error(
      `\nCould not build better-sqlite3 for Electron ${electronVersion}: no prebuilt binary could be downloaded and ` +
        "node-gyp could not fetch Electron's headers or compile (see above). Check the network and a C++ toolchain, then run " +
        '"npm run native:electron" again. The Node build in node_modules is untouched, so `npm test` and `npm run serve` still work.',
    );
    process.exit(1);
  }
}

const built = path.join(work, 'build/Release/better_sqlite3.node');
if (!existsSync(built)) {
  console.error(
    'The Electron build of better-sqlite3 did not produce build/Release/better_sqlite3.node.',
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
cpSync(built, output);
writeFileSync(stampFile, JSON.stringify(stamp));
rmSync(path.join(root, '.native/work'), { recursive: true, force: true });
console.log(
  `Built better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}) at ${path.relative(root, output)}.`,
);
