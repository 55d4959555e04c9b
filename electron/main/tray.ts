import type { MenuItemConstructorOptions } from 'electron';

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** The tray menu: the window can be closed while automation goes on, so the tray is the way back. */
export function trayMenuTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Open ReelPilot', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit ReelPilot', click: () => actions.quit() },
  ];
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
