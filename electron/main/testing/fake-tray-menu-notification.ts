/** The fake tray, menus, images and notifications: what the shell puts in front of the person. */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
  isEmpty(): boolean {
    return false;
  }
}
export const nativeImage = {
  createFromPath: (file: string) => new FakeNativeImage(file),
};

export class FakeMenu {
  constructor(readonly items: MenuItemConstructorOptions[]) {}
}
export const Menu = {
  applicationMenu: null as FakeMenu | null,
  buildFromTemplate: (template: MenuItemConstructorOptions[]) => new FakeMenu(template),
  setApplicationMenu(menu: FakeMenu | null): void {
    Menu.applicationMenu = menu;
  },
};

/** Every item of a menu, submenus included, flattened. */
export function menuItems(menu: { items: MenuItemConstructorOptions[] } | null) {
  const all: MenuItemConstructorOptions[] = [];
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      all.push(item);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(menu?.items ?? []);
  return all;
}

/** Clicks the item whose label matches, as the person would. */
export function clickMenuItem(
  menu: { items: MenuItemConstructorOptions[] } | null,
  label: string | RegExp,
) {
  const item = menuItems(menu).find((candidate) =>
    typeof label === 'string' ? candidate.label === label : label.test(candidate.label ?? ''),
  );
  if (!item?.click) throw new Error(`No clickable menu item ${String(label)}`);
  if (item.enabled === false) throw new Error(`Menu item ${String(label)} is disabled`);
  (item.click as () => void)();
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public image: FakeNativeImage) {
    super();
    FakeTray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.emit('close');
  }
}
