import { BrowserWindow } from 'electron';
import type { NavigationTarget } from '../../shared/domain/screens';
import { mainWindowOptions, type WindowBounds } from './window-security';

export interface ShellStateStore {
  windowBounds(): WindowBounds;
  saveWindowBounds(bounds: WindowBounds): void;
}

/**
 * What closing the window means: hide it and keep the engine running, unless the person chose
 * Quit. The first time, say so, or the app seems to have vanished.
 */
export function closeBehaviour(options: {
  quitting: () => boolean;
  hide: () => void;
  notifyOnce: () => void;
}): (event: { preventDefault(): void }) => void {
  let told = false;
  return (event) => {
    if (options.quitting()) return;
    event.preventDefault();
    options.hide();
    if (!told) {
      told = true;
      options.notifyOnce();
    }
  };
}

/** A screen to open at load, in the address: a new window has no listener for events yet. */
export function urlWithTarget(appUrl: string, target: NavigationTarget | null): string {
  if (!target) return appUrl;
  const params = new URLSearchParams({ screen: target.screen });
  if (target.itemId) params.set('item', target.itemId);
  return `${appUrl.split('#')[0]}#${params.toString()}`;
}

/**
 * The one window. It is created when first needed (an app started at login stays in the tray
 * until the person opens it), hidden rather than closed, and brought back by the tray, the
 * dock, a second launch or a notification.
 */
export class MainWindow {
  private window: BrowserWindow | null = null;

  constructor(
    private readonly options: {
      preload: string;
      appUrl: string;
      icon?: string;
      state: ShellStateStore;
      quitting(): boolean;
      /** Tells the person once that the app lives on in the tray. */
      stillRunningNotice(): void;
      /** Sends `app:navigate` to a loaded window. */
      navigateLoaded(window: BrowserWindow, target: NavigationTarget): void;
    },
  ) {}

  get current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  isFocused(): boolean {
    return this.current?.isFocused() ?? false;
  }

  /** Shows the window (creating it if needed), optionally on a screen and item. */
  show(target: NavigationTarget | null = null): BrowserWindow {
    const existing = this.current;
    if (!existing) {
      const created = this.create(target);
      // Shown once painted: no white flash.
      created.once('ready-to-show', () => {
        created.show();
        created.focus();
      });
      return created;
    }
    if (target) this.options.navigateLoaded(existing, target);
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    return existing;
  }

  private create(target: NavigationTarget | null): BrowserWindow {
    const { options } = this;
    const window = new BrowserWindow(
      mainWindowOptions(options.preload, options.state.windowBounds(), options.icon),
    );
    // Its web contents is locked down where every web contents is (`web-contents-created`).
    this.window = window;
    window.on('close', () => options.state.saveWindowBounds(window.getBounds()));
    window.on(
      'close',
      closeBehaviour({
        quitting: options.quitting,
        hide: () => window.hide(),
        notifyOnce: options.stillRunningNotice,
      }),
    );
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    void window.loadURL(urlWithTarget(options.appUrl, target));
    return window;
  }
}
