import { access, constants } from 'node:fs/promises';
import {
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/domain/settings';
import { AppError } from '../errors';
import type { Clock, DesktopIntegration, EventSink, Logger } from '../ports';
import type { SettingsRepository } from './settings-repository';

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultSettings(): Settings {
  return { ffmpegPath: null, timeZone: systemTimeZone(), theme: 'system', startAtLogin: false };
}

async function assertRunnable(file: string): Promise<void> {
  try {
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
  } catch {
    // The message is shown as it is (a toast): words only, no field name.
    throw new AppError(
      'BAD_INPUT',
      `No runnable program at ${file}. Check the path, or clear the field to find ffmpeg automatically.`,
      { issues: [{ path: 'ffmpegPath', message: `No runnable program at ${file}.` }] },
    );
  }
}

const settingKeys = Object.keys(settingsSchema.shape) as (keyof Settings)[];

export class SettingsService {
  private readonly listeners: Array<(next: Settings, previous: Settings) => void> = [];

  constructor(
    private readonly repository: SettingsRepository,
    private readonly deps: {
      clock: Clock;
      events: EventSink;
      logger: Logger;
      desktop: DesktopIntegration | null;
    },
  ) {}

  /** Called after every change that was saved (the automation status shows the time zone, statistics follow it). */
  onChange(listener: (next: Settings, previous: Settings) => void): void {
    this.listeners.push(listener);
  }

  /** Reads every setting, replacing a stored value that no longer validates by its default. */
  async get(): Promise<Settings> {
    const stored = await this.repository.readAll();
    const defaults = defaultSettings();
    const result: Record<string, unknown> = { ...defaults };
    for (const key of settingKeys) {
      if (!stored.has(key)) continue;
      const parsed = settingsSchema.shape[key].safeParse(stored.get(key));
      if (parsed.success) result[key] = parsed.data;
      else this.deps.logger.warn('stored setting is invalid; using the default', { key });
    }
    // The operating system is the truth for start at login, not what was last saved here.
    const atLogin = this.deps.desktop?.isStartAtLoginEnabled?.();
    if (atLogin !== undefined) result.startAtLogin = atLogin;
    return settingsSchema.parse(result);
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const checked = settingsPatchSchema.parse(patch);
    if (checked.startAtLogin === true && !this.deps.desktop) {
      throw new AppError(
        'BAD_INPUT',
        'Start at login is only available in the desktop app. In headless mode, start ReelPilot with your system service manager instead.',
      );
    }
    const current = await this.get();
    const next = settingsSchema.parse({ ...current, ...checked });
    if (next.ffmpegPath !== null && next.ffmpegPath !== current.ffmpegPath) {
      await assertRunnable(next.ffmpegPath);
    }
    const changed = settingKeys.filter((key) => next[key] !== current[key]);
    await this.repository.writeMany(
      changed.map((key) => [key, next[key]] as const),
      this.deps.clock.now(),
    );
    if (changed.includes('startAtLogin')) this.deps.desktop?.setStartAtLogin(next.startAtLogin);
    if (changed.length > 0) {
      this.deps.logger.info('settings changed', { keys: changed });
      this.deps.events.emit('settings:changed', next);
      for (const listener of this.listeners) listener(next, current);
    }
    return next;
  }
}
