import { describe, expect, it } from 'vitest';
import { app } from './testing/fake-electron';
import { restartApp } from './app-restart';

describe('restarting the desktop app for a restore', () => {
  it('stops the engine first, then relaunches and exits', async () => {
    const order: string[] = [];
    app.calls.length = 0;
    await restartApp(
      async () => void order.push('engine closed'),
      () => order.push('logged'),
    );
    expect(order).toEqual(['engine closed']);
    expect(app.calls).toEqual(['relaunch', 'exit 0']);
  });

  it('relaunches even when the engine does not stop cleanly, and says so in the log', async () => {
    const logged: string[] = [];
    app.calls.length = 0;
    await restartApp(
      async () => {
        throw new Error('database busy');
      },
      (message, error) => logged.push(`${message}: ${(error as Error).message}`),
    );
    expect(logged).toEqual(['the engine did not stop cleanly before the restart: database busy']);
    expect(app.calls).toEqual(['relaunch', 'exit 0']);
  });
});
