import { describe, expect, it, vi } from 'vitest';
import { closeBehaviour, trayMenuTemplate } from './tray';

describe('tray', () => {
  it('offers to open the window and to quit', () => {
    const actions = { open: vi.fn(), quit: vi.fn() };
    const template = trayMenuTemplate(actions);
    const open = template.find((item) => item.label === 'Open ReelPilot');
    const quit = template.find((item) => item.label === 'Quit ReelPilot');
    (open?.click as () => void)();
    (quit?.click as () => void)();
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
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
