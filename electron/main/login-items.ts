import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';

/** Given on the command line by the login item: start in the tray, without a window. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItems {
  set(enabled: boolean): void;
  /** What the operating system has now, whoever changed it. */
  isEnabled(): boolean;
}

type LoginItemApp = Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;

/** `Exec=` quoting of the desktop entry spec: double quotes, with `"`, `` ` ``, `$`, `\` escaped. */
export function desktopExecArg(arg: string): string {
  if (!/[\s"'`$\\<>|&;()*?#~=%]/.test(arg)) return arg;
  return `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=ReelPilot',
    'Comment=Short-form video on autopilot',
    `Exec=${desktopExecArg(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function linuxAutostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'autostart');
}

/**
 * Start at login, per platform: macOS login items (hidden: `openAsHidden`, and on macOS 13+ the
 * app notices it was opened at login), the Windows Run key with `--hidden`, and on Linux an XDG
 * autostart entry with `--hidden` (Electron has no login items there). An AppImage is started
 * through its own file, since the mounted executable changes on every run.
 */
export function createLoginItems(options: {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  executable: string;
  autostartDir?: string;
}): LoginItems {
  const { platform, app } = options;
  if (platform === 'darwin') {
    return {
      set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true }),
      isEnabled: () => app.getLoginItemSettings().openAtLogin,
    };
  }
  if (platform === 'win32') {
    const args = [HIDDEN_ARG];
    return {
      set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args }),
      isEnabled: () => app.getLoginItemSettings({ args }).openAtLogin,
    };
  }
  const file = path.join(options.autostartDir ?? linuxAutostartDir(), 'reelpilot.desktop');
  return {
    set(enabled) {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, autostartEntry(options.executable));
    },
    isEnabled() {
      if (!existsSync(file)) return false;
      const text = readFileSync(file, 'utf8');
      return (
        !/^Hidden\s*=\s*true/im.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false/im.test(text)
      );
    },
  };
}

/** True when this start should stay in the tray: launched at login, or with `--hidden`. */
export function startsHidden(
  argv: readonly string[],
  platform: NodeJS.Platform,
  app: LoginItemApp,
) {
  if (argv.includes(HIDDEN_ARG)) return true;
  if (platform !== 'darwin') return false;
  const settings = app.getLoginItemSettings();
  return settings.wasOpenedAtLogin || settings.wasOpenedAsHidden;
}
