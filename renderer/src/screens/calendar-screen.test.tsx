import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../../shared/domain/calendar';
import { engineError, type FakeApi, type FakeHandlers } from '../testing/fake-api';
import {
  aCalendar,
  aCalendarPost,
  aCalendarRun,
  anAccount,
  aTarget,
  someSettings,
} from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { CalendarScreen } from './calendar-screen';

// Thursday 15 January 2026, 09:00 UTC: 10:00 in Paris.
const now = Date.UTC(2026, 0, 15, 9, 0);
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 0, day, hour - 1, minute); // Paris is UTC+1 in January

function engine(calendar: Partial<Calendar>, handlers: FakeHandlers = {}): FakeApi {
  return installFakeApi({
    'settings:get': () => someSettings({ timeZone: 'Europe/Paris' }),
    'accounts:list': () => [
      anAccount(),
      anAccount({ id: 'account-2', platform: 'tiktok', handle: 'dusk' }),
    ],
    'calendar:agenda': () => aCalendar({ timeZone: 'Europe/Paris', now, ...calendar }),
    ...handlers,
  });
}

const waiting = aCalendarPost({
  targetId: 'waiting-1',
  accountId: 'account-2',
  accountHandle: 'dusk',
  platform: 'tiktok',
  at: paris(15, 14, 30),
  run: { configName: 'Demo reel', at: paris(15, 9, 5), position: 0, count: 3 },
});

describe('the Calendar screen', () => {
  it('shows the next runs and the waiting posts in the Settings zone, named, and the pause', async () => {
    const api = engine({
      paused: true,
      runs: [
        aCalendarRun({
          configName: 'Evening story',
          at: paris(16, 18, 30),
          configTimeZone: 'Asia/Tokyo',
          videosPerRun: 2,
          accountIds: ['account-1', 'account-2'],
          platforms: ['youtube', 'tiktok'],
        }),
      ],
      posts: [
        waiting,
        aCalendarPost({ targetId: 'posted-1', state: 'posted', at: paris(15, 8, 10) }),
        aCalendarPost({
          targetId: 'held-1',
          state: 'held',
          at: null,
          reason: 'The platform no longer accepts this connection. Reconnect the account.',
        }),
      ],
    });
    render(<CalendarScreen />);

    expect(
      await screen.findByText(
        'Scheduled runs and posts waiting for their slot. Times in Europe/Paris (Settings).',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^Automation is paused\./);
    // The week rolls from today: Thursday 15 to Wednesday 21 January.
    expect(screen.getByRole('heading', { level: 2, name: 'Jan 15 – 21, 2026' })).toBeTruthy();
    const [range] = api.callsTo('calendar:agenda');
    expect(range).toEqual({ from: expect.any(Number), to: expect.any(Number) });

    const run = screen.getByTestId('calendar-run');
    expect(run.textContent).toBe('18:30 Evening storyRun · 2 videos → 2 accounts on 2 platforms');
    expect(run.getAttribute('title')).toContain('(02:30 in Asia/Tokyo, the config’s zone)');
    const post = screen.getByRole('button', {
      name: /^TikTok post of dusk, Demo reel · Jan 15 09:05 · 1 of 3, waiting, Thu 15 Jan, 14:30\. Move to…$/,
    });
    expect(post.closest('td')?.getAttribute('data-drop-hour')).toBe('14');
    expect(screen.getByRole('region', { name: 'Held posts' }).textContent).toContain(
      'Reconnect the account.',
    );
    // A posted post is not moved.
    expect(
      screen.getAllByTestId('calendar-post').find((chip) => chip.textContent?.startsWith('08:10')),
    ).toHaveProperty('tagName', 'DIV');
  });

  it('moves a post with “Move to…”, says why a time is refused and takes the nearest free one', async () => {
    const nearest = paris(15, 16, 0);
    const api = engine(
      { posts: [waiting] },
      {
        'distribution:reschedule': ({ targetId, at }) => {
          if (at !== nearest)
            throw engineError(
              'CONFLICT',
              'You asked for at least 60 minutes between posts (dusk on TikTok): the nearest free slot is 16:00 (Europe/Paris).',
              { nearest },
            );
          return aTarget({ id: targetId, state: 'pending', notBefore: at, url: null });
        },
      },
    );
    render(<CalendarScreen />);

    const chip = await screen.findByRole('button', { name: /^TikTok post of dusk/ });
    chip.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Move the TikTok · dusk post' });
    expect((within(dialog).getByLabelText('Date') as HTMLInputElement).value).toBe('2026-01-15');
    expect((within(dialog).getByLabelText('Time (Europe/Paris)') as HTMLInputElement).value).toBe(
      '14:30',
    );
    fireEvent.change(within(dialog).getByLabelText('Time (Europe/Paris)'), {
      target: { value: '15:00' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move' }));
    const refusal = await within(dialog).findByRole('alert');
    expect(refusal.textContent).toContain(
      'Not moved. You asked for at least 60 minutes between posts (dusk on TikTok): the nearest free slot is 16:00 (Europe/Paris).',
    );
    await userEvent.click(
      within(refusal).getByRole('button', { name: 'Move it to Thu 15 Jan, 16:00 instead' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('distribution:reschedule')).toEqual([
      { targetId: 'waiting-1', at: paris(15, 15, 0) },
      { targetId: 'waiting-1', at: nearest },
    ]);
  });

  it('drops a dragged post on an hour, keeping its minutes', async () => {
    const api = engine({ posts: [waiting] });
    api.handle('distribution:reschedule', () => {
      throw engineError('CONFLICT', 'The pacing rules hold this post back.', { nearest: null });
    });
    render(<CalendarScreen />);

    const chip = await screen.findByRole('button', { name: /^TikTok post of dusk/ });
    const target = document.querySelector<HTMLElement>(
      'td[data-drop-date="2026-01-17"][data-drop-hour="11"]',
    )!;
    const original = document.elementFromPoint;
    document.elementFromPoint = () => target;
    try {
      fireEvent.pointerDown(chip, { button: 0, isPrimary: true, clientX: 10, clientY: 10 });
      fireEvent.pointerMove(window, { clientX: 60, clientY: 80 });
      expect(target.className).toMatch(/over/);
      fireEvent.pointerUp(window, { clientX: 60, clientY: 80 });
    } finally {
      document.elementFromPoint = original;
    }
    await waitFor(() =>
      expect(api.callsTo('distribution:reschedule')).toEqual([
        { targetId: 'waiting-1', at: paris(17, 11, 30) },
      ]),
    );
    // The refusal stays in view, in the engine's words, until dismissed.
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Not moved. The pacing rules hold this post back.Dismiss');
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    // The click that ends a drag does not open "Move to…".
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('filters by account and platform, and lays a month out in whole weeks', async () => {
    engine({
      runs: [aCalendarRun({ at: paris(16, 9) })],
      posts: [waiting, aCalendarPost({ targetId: 'yt', at: paris(16, 11) })],
    });
    render(<CalendarScreen />);

    await screen.findByTestId('calendar-run');
    expect(screen.getAllByTestId('calendar-post')).toHaveLength(2);
    const filters = screen.getByRole('group', { name: 'Filters' });
    await userEvent.selectOptions(within(filters).getByLabelText('Platform'), 'tiktok');
    expect(screen.getAllByTestId('calendar-post')).toHaveLength(1);
    // The run posts to YouTube only.
    expect(screen.queryByTestId('calendar-run')).toBeNull();
    await userEvent.selectOptions(within(filters).getByLabelText('Platform'), '');
    await userEvent.selectOptions(within(filters).getByLabelText('Account'), 'YouTube · @sunny');
    expect(screen.getAllByTestId('calendar-post')).toHaveLength(1);
    expect(screen.getByTestId('calendar-run')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Month' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'January 2026' })).toBeTruthy();
    expect(document.querySelectorAll('td[data-drop-date]')).toHaveLength(35);
  });
});
