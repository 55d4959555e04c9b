import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { AutomationStatus } from '../../shared/domain/automation';
import { sampleStatus } from '../../shared/testing/sample-status';
import { closeBehaviour } from './main-window';
import { clickMenuItem, FakeTray, menuItems, resetFakeElectron } from './testing/fake-electron';
import {
  allTrayIconFiles,
  TrayController,
  trayIconFile,
  trayMenuTemplate,
  trayTooltip,
} from './tray';

const at = Date.parse('2026-03-10T12:30:00Z');

const status = (overrides: Partial<AutomationStatus> = {}) =>
  sampleStatus({
    nextRuns: [
      { configId: 'c1', configName: 'Morning reel', at: Date.parse('2026-03-10T14:00:00Z') },
    ],
    at,
    ...overrides,
  });

const working = status({
  state: 'working',
  renders: [
    { jobId: 'j1', runId: 'r1', configId: 'c1', configName: 'Morning reel', progress: 0.4 },
  ],
  uploads: [
    {
      jobId: 'u1',
      targetId: 't1',
      platform: 'youtube',
      accountHandle: '@beach',
      title: 'Sunset',
      progress: 0.25,
    },
    {
      jobId: 'u2',
      targetId: 't2',
      platform: 'tiktok',
      accountHandle: '@beach',
      title: 'Sunset',
      progress: null,
    },
  ],
  uploadsWaiting: 3,
  keepAwake: true,
});
const attention = status({
  state: 'attention',
  attention: [
    {
      kind: 'accountReconnect',
      count: 1,
      message: '@beach needs to be reconnected',
      target: { screen: 'accounts', itemId: 'a1' },
    },
    {
      kind: 'postFailed',
      count: 2,
      message: '2 posts failed today',
      target: { screen: 'distribution', itemId: 't9' },
    },
  ],
});
const paused = status({
  state: 'paused',
  paused: true,
  pausedAt: Date.parse('2026-03-10T11:15:00Z'),
});

function actions() {
  return {
    open: vi.fn(),
    navigate: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
    runNow: vi.fn(),
    openLogs: vi.fn(),
    quit: vi.fn(),
  };
}

const labels = (items: MenuItemConstructorOptions[]) =>
  menuItems({ items }).flatMap((item) => (item.type === 'separator' ? [] : [item.label]));

beforeEach(() => resetFakeElectron());

describe('tray', () => {
  it('idle: says what comes next and offers pause, run now, open, logs and quit', () => {
    const a = actions();
    const items = trayMenuTemplate(status(), a);
    expect(labels(items)).toEqual([
      'Next run at 14:00',
      'Next runs',
      '14:00  Morning reel',
      'Pause all automation',
      'Run now',
      'No favourite configs: choose them in Settings',
      'Open ReelPilot',
      'Open logs folder',
      'Quit ReelPilot',
    ]);
    for (const label of [
      'Pause all automation',
      'Open ReelPilot',
      'Open logs folder',
      'Quit ReelPilot',
      '14:00  Morning reel',
    ]) {
      clickMenuItem({ items }, label);
    }
    expect(a.pause).toHaveBeenCalledOnce();
    expect(a.open).toHaveBeenCalledOnce();
    expect(a.openLogs).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
    expect(a.navigate).toHaveBeenCalledWith({ screen: 'configs', itemId: 'c1' });
    expect(trayTooltip(status())).toBe('ReelPilot: Next run at 14:00');
  });

  it('working: lists the running renders and uploads with their progress', () => {
    const items = trayMenuTemplate(working, actions());
    expect(labels(items).slice(0, 5)).toEqual([
      'Rendering “Morning reel” 40 % · uploading 2 posts · next run at 14:00',
      'Rendering “Morning reel” 40 %',
      'Uploading “Sunset” to @beach 25 %',
      'Uploading “Sunset” to @beach',
      '3 posts waiting to upload',
    ]);
    expect(trayTooltip(working)).toBe(
      'ReelPilot: Rendering “Morning reel” 40 % · uploading 2 posts · next run at 14:00',
    );
  });

  it('attention: each item leads to its screen and item', () => {
    const a = actions();
    const items = trayMenuTemplate(attention, a);
    clickMenuItem({ items }, '@beach needs to be reconnected…');
    clickMenuItem({ items }, '2 posts failed today…');
    expect(a.navigate.mock.calls).toEqual([
      [{ screen: 'accounts', itemId: 'a1' }],
      [{ screen: 'distribution', itemId: 't9' }],
    ]);
  });

  it('paused: says since when, offers Resume, and marks the next runs as paused', () => {
    const a = actions();
    const items = trayMenuTemplate(paused, a);
    expect(labels(items)).toContain('Paused since 11:15');
    expect(labels(items)).toContain('Next runs (paused)');
    expect(labels(items)).not.toContain('Pause all automation');
    clickMenuItem({ items }, 'Resume automation');
    expect(a.resume).toHaveBeenCalledOnce();
  });

  it('offers Run now for each favourite config', () => {
    const a = actions();
    const items = trayMenuTemplate(
      status({
        favourites: [
          { configId: 'c1', name: 'Morning reel' },
          { configId: 'c2', name: 'Evening' },
        ],
      }),
      a,
    );
    clickMenuItem({ items }, 'Evening');
    expect(a.runNow).toHaveBeenCalledWith('c2');
  });

  it('before the engine answers: starting, and nothing to pause yet', () => {
    const items = trayMenuTemplate(null, actions());
    expect(labels(items)[0]).toBe('Starting…');
    expect(items.find((item) => item.label === 'Pause all automation')?.enabled).toBe(false);
    expect(trayTooltip(null)).toBe('ReelPilot: starting…');
  });

  it('shows each state with its own icon, template images on macOS', () => {
    const controller = new TrayController({
      iconsDir: '/res/tray',
      platform: 'win32',
      actions: actions(),
    });
    const tray = FakeTray.instances[0] as FakeTray;
    expect(tray.image.path).toBe('/res/tray/tray-idle.png');
    for (const [next, file] of [
      [working, 'tray-working.png'],
      [attention, 'tray-attention.png'],
      [paused, 'tray-paused.png'],
    ] as const) {
      controller.update(next);
      expect(tray.image.path).toBe(`/res/tray/${file}`);
      expect(tray.tooltip).toBe(trayTooltip(next));
      expect(menuItems(tray.menu)[0]?.label).toBe(trayMenuTemplate(next, actions())[0]?.label);
    }
    expect(controller.state).toBe('paused');
    // The same status again: the menu is not replaced (an open menu stays open).
    const menu = tray.menu;
    controller.update({ ...paused });
    expect(tray.menu).toBe(menu);

    const mac = new TrayController({
      iconsDir: '/res/tray',
      platform: 'darwin',
      actions: actions(),
    });
    mac.update(working);
    const macTray = FakeTray.instances[1] as FakeTray;
    expect(macTray.image.path).toBe('/res/tray/tray-workingTemplate.png');
    expect(macTray.image.template).toBe(true);
    expect(trayIconFile('paused', 'linux')).toBe('tray-paused.png');
    expect(allTrayIconFiles()).toContain('tray-attentionTemplate@2x.png');
  });

  it('opens the window on click, except on Linux where the click opens the menu', () => {
    const a = actions();
    new TrayController({ iconsDir: '/res', platform: 'win32', actions: a });
    new TrayController({ iconsDir: '/res', platform: 'linux', actions: a });
    FakeTray.instances[0]?.emit('click');
    FakeTray.instances[1]?.emit('click');
    expect(a.open).toHaveBeenCalledOnce();
  });

  it('keeps the tooltip within what Windows shows', () => {
    const long = status({
      renders: [
        { jobId: 'j', runId: null, configId: null, configName: 'x'.repeat(200), progress: 0.1 },
      ],
    });
    expect(trayTooltip(long).length).toBeLessThanOrEqual(127);
    expect(trayTooltip(long).endsWith('…')).toBe(true);
  });

  it('hides the window on close and keeps running, telling the person once', () => {
    let quitting = false;
    const hide = vi.fn();
    const notifyOnce = vi.fn();
    const onClose = closeBehaviour({ quitting: () => quitting, hide, notifyOnce });
    const first = { preventDefault: vi.fn() };
    onClose(first);
    onClose({ preventDefault: vi.fn() });
    expect(first.preventDefault).toHaveBeenCalled();
    expect(hide).toHaveBeenCalledTimes(2);
    expect(notifyOnce).toHaveBeenCalledOnce();

    quitting = true;
    const last = { preventDefault: vi.fn() };
    onClose(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});
