import { parseArgs } from 'node:util';
import { describeError } from '../core/errors';
import { startHeadless, type HeadlessApp, type HeadlessOptions } from './start-headless';

export { startHeadless };
export type { HeadlessApp, HeadlessOptions };

/** The usage of `npm run serve`; a wrapper (the development sandbox) adds its own options. */
export function serveUsage(extra: { synopsis: string; options: string } | null = null): string {
  return `Usage: npm run serve -- [--data DIR] [--port N]${extra ? ` ${extra.synopsis}` : ''}

Runs ReelPilot's engine without the desktop shell and serves its interface on 127.0.0.1.
  --data DIR   data folder (default: the app-data folder the desktop app uses)
  --port N     port to listen on (default: any free port)
${extra ? `${extra.options}\n` : ''}Secrets are kept in DIR/secrets.vault; set REELPILOT_VAULT_KEY to use a passphrase instead of
the generated key file DIR/secrets.key.`;
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export function failToStart(error: unknown): never {
  fail(`ReelPilot could not start: ${describeError(error)}`);
}

export interface ServeArgs<F extends string> {
  dataDir: string | undefined;
  port: number;
  /** The wrapper's own on/off options, false when absent. */
  flags: Record<F, boolean>;
}

/**
 * Reads `--data`, `--port` and `--help` plus the given boolean options from the command line.
 * Null after printing the usage for `--help`; a bad option exits with the usage.
 */
export function parseServeArgs<F extends string = never>(
  usage: string,
  flagNames: readonly F[] = [],
): ServeArgs<F> | null {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(flagNames.map((name) => [name, { type: 'boolean' as const }])),
      },
    }));
  } catch (error) {
    fail(`${describeError(error)}\n\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return null;
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be a whole number from 0 to 65535, not "${String(values.port)}".`);
  }
  const flags = Object.fromEntries(flagNames.map((name) => [name, values[name] === true]));
  return {
    dataDir: typeof values.data === 'string' ? values.data : undefined,
    port,
    flags: flags as Record<F, boolean>,
  };
}

export interface ServeHooks {
  /** Runs once the host is up, before its address is printed; a throw stops the start. */
  afterStart?(app: HeadlessApp): Promise<void>;
  /** Runs after the app has stopped, on shutdown or after a failed start. */
  close?(): Promise<void>;
}

/**
 * Starts the headless app, prints where it is, and stops it on SIGINT or SIGTERM: what
 * `npm run serve` does, for the host's own command line and for the development sandbox.
 */
export async function serveHeadless(
  options: HeadlessOptions,
  hooks: ServeHooks = {},
): Promise<void> {
  let app: HeadlessApp | undefined;
  try {
    app = await startHeadless(options);
    await hooks.afterStart?.(app);
  } catch (error) {
    await app?.stop().catch(() => undefined);
    await hooks.close?.().catch(() => undefined);
    failToStart(error);
  }
  const running = app;
  process.stdout.write(`ReelPilot is running. Data folder: ${running.dataDir}\n`);
  process.stdout.write(`Open: ${running.host.url}\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping ReelPilot…\n`);
    const stopping = running.stop().then(() => hooks.close?.());
    stopping.then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
