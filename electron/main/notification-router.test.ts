import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDesktopNotifier } from './notification-router';
import { FakeNotification, resetFakeElectron } from './testing/fake-electron';

beforeEach(() => resetFakeElectron());

const failed = {
  level: 'error' as const,
  title: 'A post to TikTok (@beach) failed',
  body: 'The video is too long.',
  kind: 'postFailed',
  causeKey: 'post-failed:t1',
  target: { screen: 'distribution' as const, itemId: 't1' },
};

describe('notification routing', () => {
  it('uses the OS while the window is not focused; a click opens the screen and item', () => {
    let focused = false;
    const inApp = vi.fn();
    const open = vi.fn();
    const notifier = createDesktopNotifier({ windowFocused: () => focused, inApp, open });
    notifier.notify(failed);
    expect(FakeNotification.shown).toHaveLength(1);
    const shown = FakeNotification.shown[0] as FakeNotification;
    expect(shown.options).toMatchObject({ title: failed.title, body: failed.body, silent: false });
    shown.emit('click');
    expect(open).toHaveBeenCalledWith({ screen: 'distribution', itemId: 't1' });
    expect(inApp).not.toHaveBeenCalled();

    // Focused: quiet for the OS, shown inside the app instead.
    focused = true;
    notifier.notify({ ...failed, causeKey: 'post-failed:t2' });
    expect(FakeNotification.shown).toHaveLength(1);
    expect(inApp).toHaveBeenCalledWith(expect.objectContaining({ causeKey: 'post-failed:t2' }));
  });

  it('falls back to the app where the system has no notifications', () => {
    FakeNotification.supported = false;
    const inApp = vi.fn();
    createDesktopNotifier({ windowFocused: () => false, inApp, open: vi.fn() }).notify(failed);
    expect(FakeNotification.shown).toHaveLength(0);
    expect(inApp).toHaveBeenCalledOnce();
  });

  it('opens the app without a screen for notices that have none', () => {
    const open = vi.fn();
    createDesktopNotifier({ windowFocused: () => false, inApp: vi.fn(), open }).notify({
      level: 'info',
      title: 'ReelPilot is still running',
      body: 'Open it from the tray.',
    });
    FakeNotification.shown[0]?.emit('click');
    expect(open).toHaveBeenCalledWith(null);
    expect(FakeNotification.shown[0]?.options.silent).toBe(true);
  });
});
