import { parseArgs } from 'node:util';
import { describeError } from '../core/errors';
import { platformIds, platformNames } from '../../shared/domain/platforms';
import { startAllEmulators, type RunningEmulators } from '../../emulators/start-all-emulators';
import { growSandboxMetrics } from '../../emulators/sandbox/sandbox-metrics';
import { seedSandboxAccounts } from './sandbox';
import { startHeadless } from './start-headless';

const usage = `Usage: npm run serve -- [--data DIR] [--port N] [--sandbox | --emulators]

Runs ReelPilot's engine without the desktop shell and serves its interface on 127.0.0.1.
  --data DIR   data folder (default: the app-data folder the desktop app uses)
  --port N     port to listen on (default: any free port)
  --emulators  start local emulators of TikTok, YouTube, Instagram, Facebook and X and point
               ReelPilot at them, with their sandbox developer apps filled in, so accounts can
               be connected without real platform accounts
  --sandbox    the emulators, plus one connected sandbox account per platform (signed in
               through the emulators' OAuth) and an audience whose views grow, so a config
               run goes all the way to posts and metrics without real accounts
Secrets are kept in DIR/secrets.vault; set REELPILOT_VAULT_KEY to use a passphrase instead of
the generated key file DIR/secrets.key.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: {
    data?: string | undefined;
    port?: string | undefined;
    emulators?: boolean | undefined;
    sandbox?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        emulators: { type: 'boolean' },
        sandbox: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${describeError(error)}\n\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  let emulators: RunningEmulators | null = null;
  let stopGrowth: (() => void) | null = null;
  let app;
  try {
    if (values.emulators || values.sandbox) emulators = await startAllEmulators();
    app = await startHeadless({
      dataDir: values.data,
      port,
      echoLogs: false,
      endpointOverrides: emulators?.endpointOverrides,
      // The sandbox audience grows every few seconds: read it every 20 s, not hourly.
      metricsEveryMs: values.sandbox ? 20_000 : undefined,
    });
    if (emulators) {
      for (const platform of platformIds) {
        await app.engine.services.accounts.apps.saveIfMissing(platform, emulators.apps[platform]);
      }
    }
    if (emulators && values.sandbox) {
      const seeded = await seedSandboxAccounts(app.engine, emulators);
      stopGrowth = growSandboxMetrics(emulators);
      if (seeded.length > 0) {
        process.stdout.write(
          `Sandbox accounts connected: ${seeded.map((p) => platformNames[p]).join(', ')}\n`,
        );
      }
    }
  } catch (error) {
    await emulators?.close();
    fail(`ReelPilot could not start: ${describeError(error)}`);
  }
  if (emulators) {
    process.stdout.write('Emulated platforms (sandbox developer apps are filled in):\n');
    for (const platform of platformIds) {
      process.stdout.write(
        `  ${platformNames[platform]}: ${emulators.emulators[platform].baseUrl}\n`,
      );
    }
  }
  process.stdout.write(`ReelPilot is running. Data folder: ${app.dataDir}\n`);
  process.stdout.write(`Open: ${app.host.url}\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping ReelPilot…\n`);
    stopGrowth?.();
    const stopping = app.stop().then(() => emulators?.close());
    stopping.then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
