import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 built for Electron's ABI. It never lives in node_modules, where the Node build
 * used by the tests and the headless host stays: `npm run native:electron` writes it to
 * `.native/electron/`, and electron-builder copies it into the package's resources.
 */
export function electronNativeBinding(options: {
  packaged: boolean;
  appPath: string;
  resourcesPath: string;
}): string {
  const file = options.packaged
    ? path.join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(options.appPath, '.native', 'electron', 'better_sqlite3.node');
  if (!existsSync(file)) {
    throw new Error(
      `The SQLite module for Electron is missing at ${file}. Run "npm run native:electron" (npm start does it for you).`,
    );
  }
  return file;
}
