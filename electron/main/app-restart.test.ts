import { beforeEach, describe, expect, it } from 'vitest';
import { app, resetFakeElectron } from './testing/fake-electron';
import { restartApp } from './app-restart';

describe('restarting the desktop app for a restore', () => {
  beforeEach(() => resetFakeElectron());

  it('stops the engine first, then relaunches and exits', async () => {
    const order: string[] = [];
    await restartApp(
      async () => void order.push('engine closed'),
      () => order.push('logged'),
    );
    expect(order).toEqual(['engine closed']);
    expect([app.relaunchRequests, app.exitCode]).toEqual([1, 0]);
  });

  it('relaunches even when the engine does not stop cleanly, and says so in the log', async () => {
    const logged: string[] = [];
    await restartApp(
      async () => {
        throw new Error('database busy');
      },
      (message, error) => logged.push(`${message}: ${(error as Error).message}`),
    );
    expect(logged).toEqual(['the engine did not stop cleanly before the restart: database busy']);
    expect([app.relaunchRequests, app.exitCode]).toEqual([1, 0]);
  });
});
