import Store from 'electron-store';
import { z } from 'zod';
import type { WindowBounds } from './window-security';

const boundsSchema = z.object({
  width: z.number().int().min(400).max(10000),
  height: z.number().int().min(300).max(10000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
});

const defaults: WindowBounds = { width: 1280, height: 820 };

/** The shell's own small state. The engine's settings live in SQLite, not here. */
export class ShellState {
  private readonly store = new Store<{ windowBounds?: unknown }>({ name: 'shell-state' });

  windowBounds(): WindowBounds {
    const parsed = boundsSchema.safeParse(this.store.get('windowBounds'));
    return parsed.success ? parsed.data : defaults;
  }

  saveWindowBounds(bounds: WindowBounds): void {
    const parsed = boundsSchema.safeParse(bounds);
    if (parsed.success) this.store.set('windowBounds', parsed.data);
  }
}
