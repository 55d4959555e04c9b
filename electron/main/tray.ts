import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import {
  automationStates,
  describeActivity,
  describeWork,
  formatRunTime,
  type AutomationState,
  type AutomationStatus,
} from '../../shared/domain/automation';
import type { NavigationTarget } from '../../shared/domain/screens';

export interface TrayActions {
  open(): void;
  navigate(target: NavigationTarget): void;
  pause(): void;
  resume(): void;
  runNow(configId: string): void;
  openLogs(): void;
  quit(): void;
}

/** Windows cuts tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

/**
 * The icon file of each state. macOS menu-bar icons are monochrome template images the system
 * tints (the state is in the glyph); elsewhere they are in colour. `@2x` files sit beside them.
 */
export function trayIconFile(state: AutomationState, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`;
}

/** Every tray icon the app may ask for, for the packaging check. */
export function allTrayIconFiles(): string[] {
  return automationStates.flatMap((state) =>
    [`tray-${state}`, `tray-${state}Template`].flatMap((base) => [`${base}.png`, `${base}@2x.png`]),
  );
}

export function trayTooltip(status: AutomationStatus | null): string {
  const text = status ? `ReelPilot: ${describeActivity(status)}` : 'ReelPilot: starting…';
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

function info(label: string): MenuItemConstructorOptions {
  return { label, enabled: false };
}

/**
 * The tray menu for what the engine does now: the running work and the next runs, then Pause or
 * Resume, Run now for the favourite configs, and the way back to the window, the logs and Quit.
 */
export function trayMenuTemplate(
  status: AutomationStatus | null,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (!status) {
    items.push(info('Starting…'));
  } else {
    items.push(info(describeActivity(status)));
    const work = describeWork(status);
    if (work.length > 0) {
      items.push({ type: 'separator' }, ...work.map(info));
    }
    if (status.attention.length > 0) {
      items.push({ type: 'separator' });
      for (const item of status.attention) {
        items.push({ label: `${item.message}…`, click: () => actions.navigate(item.target) });
      }
    }
    if (status.nextRuns.length > 0) {
      items.push({ type: 'separator' }, info(status.paused ? 'Next runs (paused)' : 'Next runs'));
      for (const run of status.nextRuns.slice(0, 3)) {
        items.push({
          label: `${formatRunTime(run.at, status.at, status.timeZone)}  ${run.configName}`,
          click: () => actions.navigate({ screen: 'configs', itemId: run.configId }),
        });
      }
    }
  }
  items.push({ type: 'separator' });
  if (status?.paused) {
    items.push({ label: 'Resume automation', click: () => actions.resume() });
  } else {
    items.push({
      label: 'Pause all automation',
      enabled: status !== null,
      click: () => actions.pause(),
    });
  }
  const favourites = status?.favourites ?? [];
  items.push({
    label: 'Run now',
    submenu:
      favourites.length > 0
        ? favourites.map((favourite) => ({
            label: favourite.name,
            click: () => actions.runNow(favourite.configId),
          }))
        : [info('No favourite configs: choose them in Settings')],
  });
  items.push(
    { type: 'separator' },
    { label: 'Open ReelPilot', click: () => actions.open() },
    { label: 'Open logs folder', click: () => actions.openLogs() },
    { type: 'separator' },
    { label: 'Quit ReelPilot', click: () => actions.quit() },
  );
  return items;
}

/** The tray icon, kept in step with the engine's status. */
export class TrayController {
  private readonly tray: Tray;
  private status: AutomationStatus | null = null;
  private shown = { tooltip: '', menu: '' };

  constructor(
    private readonly options: {
      iconsDir: string;
      platform: NodeJS.Platform;
      actions: TrayActions;
    },
  ) {
    this.tray = new Tray(this.icon('idle'));
    // Linux desktops open the menu on click; Windows and macOS users expect the window.
    if (options.platform !== 'linux') this.tray.on('click', () => options.actions.open());
    this.render();
  }

  get state(): AutomationState {
    return this.status?.state ?? 'idle';
  }

  update(status: AutomationStatus): void {
    const iconChanged = status.state !== this.status?.state;
    this.status = status;
    if (iconChanged) this.tray.setImage(this.icon(status.state));
    this.render();
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private icon(state: AutomationState) {
    const image = nativeImage.createFromPath(
      path.join(this.options.iconsDir, trayIconFile(state, this.options.platform)),
    );
    if (this.options.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  /**
   * Rebuilds the menu only when what it shows changed: status pushes come several times a second
   * while work runs, and some Linux desktops close an open menu when it is replaced.
   */
  private render(): void {
    const tooltip = trayTooltip(this.status);
    if (tooltip !== this.shown.tooltip) this.tray.setToolTip(tooltip);
    const template = trayMenuTemplate(this.status, this.options.actions);
    const signature = JSON.stringify(template, (key, value: unknown) =>
      key === 'click' ? undefined : value,
    );
    if (signature !== this.shown.menu) this.tray.setContextMenu(Menu.buildFromTemplate(template));
    this.shown = { tooltip, menu: signature };
  }
}
