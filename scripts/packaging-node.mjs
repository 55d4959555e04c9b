#!/usr/bin/env node
// Run by `npm run dist` before electron-builder: is this Node one that every package of the
// packaging tool declares it supports? electron-builder 26.1 and later depend on
// @electron/rebuild 4 and node-abi 4, which declare Node >= 22.12, while the app itself (tests,
// headless mode, development) needs only the Node in package.json "engines". The answer comes
// from the installed packages, so it stays true when electron-builder is changed.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const semver = require('semver');
const root = path.resolve(import.meta.dirname, '..');

/** Where Node would find `name` from `fromDir` (its own node_modules, then its parents'). */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Every installed package below `name`, with the Node versions it declares. */
export function packagingTree(name = 'electron-builder', fromDir = root) {
  const seen = new Map();
  const visit = (dependency, from) => {
    const dir = packageDir(dependency, from);
    if (!dir || seen.has(dir)) return;
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    seen.set(dir, { name: pkg.name, version: pkg.version, node: pkg.engines?.node ?? null });
    for (const next of Object.keys(pkg.dependencies ?? {})) visit(next, dir);
  };
  visit(name, fromDir);
  return [...seen.values()];
}

/** The packages of the tree that do not declare support for `nodeVersion`. */
export function unsupportedBy(tree, nodeVersion) {
  return tree.filter(
    (pkg) => pkg.node !== null && !semver.satisfies(nodeVersion, pkg.node, { loose: true }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const refused = unsupportedBy(packagingTree(), process.versions.node);
  if (refused.length > 0 && process.env.REELPILOT_ALLOW_UNSUPPORTED_NODE !== '1') {
    const list = refused.map((pkg) => `  ${pkg.name}@${pkg.version} wants Node ${pkg.node}`);
    console.error(
      [
        `Packaging needs a newer Node than ${process.version}:`,
        ...list,
        'Use that Node for `npm run dist` (the rest of ReelPilot works on the Node in package.json),',
        'or install electron-builder 26.0.20, whose packages support Node 20 (see README, Packages).',
        'REELPILOT_ALLOW_UNSUPPORTED_NODE=1 packages anyway, at your own risk.',
      ].join('\n'),
    );
    process.exit(1);
  }
}
