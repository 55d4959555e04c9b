import type { Account } from '../../../shared/domain/accounts';
import type {
  Calendar,
  CalendarInput,
  CalendarPost,
  CalendarRun,
} from '../../../shared/domain/calendar';
import type { Config } from '../../../shared/domain/configs';
import { platformIds } from '../../../shared/domain/platforms';
import type { Clock, Logger } from '../ports';
import { nextOccurrence } from '../scheduler/occurrences';

/** Runs one config may show in one request (a run every 5 minutes fills a week with 2,016). */
const MAX_RUNS_PER_CONFIG = 500;

export interface CalendarDeps {
  configs: { list(): Promise<Config[]> };
  accounts: { list(): Promise<Account[]> };
  settings: { get(): Promise<{ timeZone: string }> };
  distribution: { calendarPosts(from: number, to: number): Promise<CalendarPost[]> };
  /** Whether automation is paused (the desktop pass's pause-all); false until it is wired. */
  isPaused(): boolean;
  clock: Clock;
  logger: Logger;
}

/**
 * The calendar's read model: the configs' scheduled runs in a range (each config's own
 * schedule, computed in its zone), every post not out yet at its planned time and the posts
 * published in the range, laid out by the renderer in the Settings zone, which is named.
 */
export class CalendarService {
  constructor(private readonly deps: CalendarDeps) {}

  async agenda({ from, to }: CalendarInput): Promise<Calendar> {
    const now = this.deps.clock.now();
    const [configs, accounts, settings, posts] = await Promise.all([
      this.deps.configs.list(),
      this.deps.accounts.list(),
      this.deps.settings.get(),
      this.deps.distribution.calendarPosts(from, to),
    ]);
    const platformOf = new Map(accounts.map((account) => [account.id, account.platform]));
    const runs: CalendarRun[] = [];
    const runsCut: string[] = [];
    for (const config of configs) {
      if (!config.active) continue;
      const times = this.occurrences(config, Math.max(from, now), to);
      if (times.length >= MAX_RUNS_PER_CONFIG) runsCut.push(config.id);
      const accountIds = config.distribution.accountIds.filter((id) => {
        const platform = platformOf.get(id);
        return platform !== undefined && config.platforms[platform].enabled;
      });
      const platforms = platformIds.filter((p) =>
        accountIds.some((id) => platformOf.get(id) === p),
      );
      for (const at of times)
        runs.push({
          configId: config.id,
          configName: config.name,
          at,
          configTimeZone: config.schedule.timeZone,
          videosPerRun: config.distribution.videosPerRun,
          accountIds,
          platforms,
        });
    }
    runs.sort((a, b) => a.at - b.at || a.configName.localeCompare(b.configName));
    return {
      timeZone: settings.timeZone,
      paused: this.deps.isPaused(),
      now,
      runs,
      runsCut,
      posts,
    };
  }

  /** The config's runs in [from, to), from its own schedule (the anchor: when it was made). */
  private occurrences(config: Config, from: number, to: number): number[] {
    const times: number[] = [];
    let cursor = from - 1;
    try {
      while (times.length < MAX_RUNS_PER_CONFIG) {
        const next = nextOccurrence(config.schedule, cursor, config.createdAt);
        if (next === null || next >= to) break;
        times.push(next);
        cursor = next;
      }
    } catch (error) {
      this.deps.logger.warn('schedule of a config could not be read for the calendar', {
        configId: config.id,
        error: String(error),
      });
    }
    return times;
  }
}
