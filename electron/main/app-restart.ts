import { app } from 'electron';

/**
 * Restarts the desktop app (after a restore was staged): the engine stops first, so the database
 * is closed and the data-folder lock released; then Electron starts a new instance, which puts
 * the restored database in place before opening it, and this one exits without the quit dialog.
 */
export async function restartApp(
  closeEngine: () => Promise<void>,
  log: (message: string, error: unknown) => void,
): Promise<void> {
  try {
    await closeEngine();
  } catch (error) {
    // The staged restore is applied at the next start whatever happened here.
    log('the engine did not stop cleanly before the restart', error);
  }
  app.relaunch();
  app.exit(0);
}
