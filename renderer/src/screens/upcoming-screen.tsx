import type { ScreenId } from '../stores/navigation-store';

const plans: Record<Exclude<ScreenId, 'settings' | 'media'>, { title: string; holds: string[] }> = {
  accounts: {
    title: 'Accounts',
    holds: [
      'Your TikTok, YouTube, Instagram, Facebook and X accounts, grouped by platform, with status and health.',
      'Connecting an account through the platform’s own sign-in page, and a connection test.',
      'Posting limits per account, the next time each account may post, and its post and error history.',
    ],
  },
  configs: {
    title: 'Configs',
    holds: [
      'What to make and when: schedules (hourly, daily, every N minutes, cron) in your time zone.',
      'Content from your media library: style, motion, transitions, text overlays, audio and length.',
      'Captions, hashtags and privacy per platform, how videos are spread over accounts, and run history.',
    ],
  },
  distribution: {
    title: 'Distribution',
    holds: [
      'Every rendered video with its status on each platform and account, and live upload progress.',
      'Errors in words with what to do, retries, links to the posts, and engagement over time.',
    ],
  },
  statistics: {
    title: 'Statistics',
    holds: ['Posts, success rates and engagement by period, account health, errors and alerts.'],
  },
  batch: {
    title: 'Batch',
    holds: [
      'Large jobs of many items with priority, concurrency, pause, resume, cancel, retry, ETA and export.',
    ],
  },
};

/** A screen whose feature has not landed yet: it says plainly what it will hold, with no data. */
export function UpcomingScreen({ screen }: { screen: Exclude<ScreenId, 'settings' | 'media'> }) {
  const plan = plans[screen];
  return (
    <section className="screen" aria-labelledby={`${screen}-title`}>
      <header className="screen-header">
        <h1 id={`${screen}-title`}>{plan.title}</h1>
      </header>
      <div className="card empty-state">
        <p className="muted">This part of ReelPilot is not built yet. It will hold:</p>
        <ul>
          {plan.holds.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
