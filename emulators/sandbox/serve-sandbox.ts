import {
  failToStart,
  parseServeArgs,
  serveHeadless,
  serveUsage,
} from '../../electron/host/serve-headless';
import { platformIds, platformNames } from '../../shared/domain/platforms';
import { startAllEmulators, type RunningEmulators } from '../start-all-emulators';
import { seedSandboxAccounts } from './sandbox-accounts';
import { growSandboxMetrics } from './sandbox-metrics';

/*
 * `npm run serve -- --sandbox | --emulators`: the product's headless host, started the way its
 * own command line starts it, pointed at emulators running in this process. The only place
 * where the product and the emulators meet; the host itself never loads emulator code.
 */

const usage = serveUsage({
  synopsis: '[--sandbox | --emulators]',
  options: `  --emulators  start local emulators of TikTok, YouTube, Instagram, Facebook, X and Google
               Drive and point ReelPilot at them, with their sandbox developer apps filled in,
               so accounts and Drive can be connected without real platform accounts
  --sandbox    the emulators, plus one connected sandbox account per platform (signed in
               through the emulators' OAuth) and an audience whose views grow, so a config
               run goes all the way to posts and metrics without real accounts`,
});

const args = parseServeArgs(usage, ['emulators', 'sandbox']);
if (args) {
  const sandbox = args.flags.sandbox;
  let emulators: RunningEmulators;
  try {
    emulators = await startAllEmulators();
  } catch (error) {
    failToStart(error);
  }
  let stopGrowth: (() => void) | null = null;
  await serveHeadless(
    {
      dataDir: args.dataDir,
      port: args.port,
      echoLogs: false,
      endpointOverrides: emulators.endpointOverrides,
      // The sandbox audience grows every few seconds: read it every 20 s, not hourly.
      metricsEveryMs: sandbox ? 20_000 : undefined,
    },
    {
      afterStart: async (app) => {
        for (const platform of platformIds) {
          await app.engine.services.accounts.apps.saveIfMissing(platform, emulators.apps[platform]);
        }
        if (sandbox) {
          const seeded = await seedSandboxAccounts(app.engine, emulators);
          stopGrowth = growSandboxMetrics(emulators);
          if (seeded.connected.length > 0) {
            process.stdout.write(
              `Sandbox accounts connected: ${seeded.connected.map((p) => platformNames[p]).join(', ')}\n`,
            );
          }
          if (seeded.reconnected.length > 0) {
            process.stdout.write(
              `Sandbox accounts signed in again to the new emulators: ${seeded.reconnected.map((p) => platformNames[p]).join(', ')}\n`,
            );
          }
        }
        process.stdout.write('Emulated platforms (sandbox developer apps are filled in):\n');
        for (const platform of platformIds) {
          process.stdout.write(
            `  ${platformNames[platform]}: ${emulators.emulators[platform].baseUrl}\n`,
          );
        }
        process.stdout.write(
          `  Google Drive: ${emulators.drive.baseUrl} (connect it in Settings → Storage & backup; it signs in at once)\n`,
        );
      },
      close: async () => {
        stopGrowth?.();
        await emulators.close();
      },
    },
  );
}
