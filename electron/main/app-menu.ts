import type { MenuItemConstructorOptions } from 'electron';
import { screenIds, screenLabels, type ScreenId } from '../../shared/domain/screens';

export interface AppMenuActions {
  navigate(screen: ScreenId): void;
  openLogs(): void;
  about(): void;
}

/**
 * The application menu: the standard edit, view and window roles (so copy, paste, zoom and
 * full screen work everywhere), Ctrl/Cmd+1…8 for the screens in sidebar order, and Help with the
 * logs folder and About. Developer tools only in development.
 */
export function applicationMenuTemplate(options: {
  platform: NodeJS.Platform;
  development: boolean;
  actions: AppMenuActions;
}): MenuItemConstructorOptions[] {
  const { platform, development, actions } = options;
  const mac = platform === 'darwin';
  const about = { label: 'About ReelPilot', click: () => actions.about() };
  const settings = {
    label: mac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.navigate('settings'),
  };
  const screens: MenuItemConstructorOptions[] = screenIds.map((screen, index) => ({
    label: screenLabels[screen],
    accelerator: `CmdOrCtrl+${index + 1}`,
    click: () => actions.navigate(screen),
  }));
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'ReelPilot',
      submenu: [
        about,
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', label: 'Quit ReelPilot' },
      ],
    });
  } else {
    template.push({
      label: 'File',
      submenu: [
        settings,
        { type: 'separator' },
        { role: 'close', label: 'Close window' },
        { role: 'quit', label: 'Quit ReelPilot' },
      ],
    });
  }
  template.push(
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...screens,
        { type: 'separator' },
        ...(development
          ? ([
              { role: 'reload' },
              { role: 'forceReload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => actions.openLogs() },
        { type: 'separator' },
        about,
      ],
    },
  );
  return template;
}

export interface AboutFacts {
  version: string;
  dataDir: string;
  versions: { electron?: string; chrome?: string; node?: string };
  /** ffmpeg's version line, or why it was not found. */
  ffmpeg: string;
}

/** The About box's text: what a support request needs. */
export function aboutDetail(facts: AboutFacts): string {
  return [
    `Version ${facts.version}`,
    `Data folder: ${facts.dataDir}`,
    '',
    `Electron ${facts.versions.electron ?? 'unknown'}`,
    `Chromium ${facts.versions.chrome ?? 'unknown'}`,
    `Node ${facts.versions.node ?? 'unknown'}`,
    `ffmpeg: ${facts.ffmpeg}`,
  ].join('\n');
}
