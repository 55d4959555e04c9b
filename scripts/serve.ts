/*
 * `npm run serve`: the headless host (electron/host/cli.ts), or with --sandbox or --emulators
 * the development sandbox around it (emulators/sandbox/serve-sandbox.ts), so that the product's
 * host never loads emulator code. --help goes to the sandbox, whose usage lists every option.
 */
import { argv } from 'node:process';

const sandboxFlags = new Set(['--sandbox', '--emulators', '--help', '-h']);
if (argv.slice(2).some((arg) => sandboxFlags.has(arg))) {
  await import('../emulators/sandbox/serve-sandbox');
} else {
  await import('../electron/host/cli');
}
