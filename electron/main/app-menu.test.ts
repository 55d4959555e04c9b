import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, applicationMenuTemplate } from './app-menu';
import { clickMenuItem, menuItems } from './testing/fake-electron';

function menu(platform: NodeJS.Platform, development = false) {
  const actions = { navigate: vi.fn(), openLogs: vi.fn(), about: vi.fn() };
  return { actions, items: applicationMenuTemplate({ platform, development, actions }) };
}

describe('application menu', () => {
  it('has the standard edit, view and window roles and a Help menu', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { items } = menu(platform);
      expect(items.map((item) => item.role ?? item.label)).toEqual([
        platform === 'darwin' ? 'ReelPilot' : 'File',
        'editMenu',
        'View',
        'windowMenu',
        'help',
      ]);
      const roles = menuItems({ items }).map((item) => item.role);
      expect(roles).toEqual(
        expect.arrayContaining(['quit', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
      );
      expect(roles).not.toContain('toggleDevTools');
    }
    expect(menuItems({ items: menu('darwin').items }).map((item) => item.role)).toEqual(
      expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'services']),
    );
    expect(menuItems({ items: menu('linux', true).items }).map((item) => item.role)).toContain(
      'toggleDevTools',
    );
  });

  it('goes to the screens with Ctrl/Cmd+1…8 in sidebar order', () => {
    const { actions, items } = menu('win32');
    const shortcuts = menuItems({ items })
      .filter((item) => /^CmdOrCtrl\+\d$/.test(String(item.accelerator)))
      .map((item) => [item.accelerator, item.label]);
    expect(shortcuts).toEqual([
      ['CmdOrCtrl+1', 'Accounts'],
      ['CmdOrCtrl+2', 'Configs'],
      ['CmdOrCtrl+3', 'Media'],
      ['CmdOrCtrl+4', 'Distribution'],
      ['CmdOrCtrl+5', 'Calendar'],
      ['CmdOrCtrl+6', 'Statistics'],
      ['CmdOrCtrl+7', 'Batch'],
      ['CmdOrCtrl+8', 'Settings'],
    ]);
    clickMenuItem({ items }, 'Distribution');
    clickMenuItem({ items }, 'Settings');
    expect(actions.navigate.mock.calls).toEqual([['distribution'], ['settings']]);
  });

  it('Help opens the logs folder and About', () => {
    const { actions, items } = menu('linux');
    const help = items.find((item) => item.role === 'help');
    clickMenuItem({ items: help?.submenu as [] }, 'Open logs folder');
    clickMenuItem({ items: help?.submenu as [] }, 'About ReelPilot');
    expect(actions.openLogs).toHaveBeenCalledOnce();
    expect(actions.about).toHaveBeenCalledOnce();
  });

  it('About names the version, data folder, Electron, Chromium, Node and ffmpeg', () => {
    expect(
      aboutDetail({
        version: '0.1.0',
        dataDir: '/home/me/.config/ReelPilot',
        versions: { electron: '41.7.1', chrome: '146.0.7680.80', node: '24.11.1' },
        ffmpeg: 'ffmpeg version 5.1.6',
      }),
    ).toBe(
      [
        'Version 0.1.0',
        'Data folder: /home/me/.config/ReelPilot',
        '',
        'Electron 41.7.1',
        'Chromium 146.0.7680.80',
        'Node 24.11.1',
        'ffmpeg: ffmpeg version 5.1.6',
      ].join('\n'),
    );
  });
});
