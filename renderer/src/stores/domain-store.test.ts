import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-client';
import { badInput, engineError } from '../testing/fake-api';
import { aMediaItem } from '../testing/fixtures';
import { installFakeApi, toastsShown } from '../testing/harness';
import { attempt, loader, sharedSubscription, upsertById, type LoadStatus } from './domain-store';
import { useMedia } from './media-store';

describe('the store helpers', () => {
  it('attach push listeners once however many components follow, and detach with the last', () => {
    let attached = 0;
    let detached = 0;
    const subscribe = sharedSubscription(() => {
      attached += 1;
      return () => (detached += 1);
    });
    const screenStops = subscribe();
    const dialogStops = subscribe();
    expect(attached).toBe(1);
    screenStops();
    screenStops();
    expect(detached).toBe(0);
    dialogStops();
    expect(detached).toBe(1);
    subscribe();
    expect(attached).toBe(2);
  });

  it('let only the latest of overlapping loads land, and keep the words of a failure', async () => {
    let state: { status: LoadStatus; error: string | null; value?: string } = {
      status: 'idle',
      error: null,
    };
    const answers: Array<(value: string) => void> = [];
    let fail = false;
    const load = loader<typeof state>(
      (partial) => (state = { ...state, ...partial }),
      () =>
        fail
          ? Promise.reject(new Error('The engine is starting.'))
          : new Promise<{ value: string }>((resolve) =>
              answers.push((value) => resolve({ value })),
            ),
    );
    const first = load();
    const second = load();
    expect(state.status).toBe('loading');
    answers[1]?.('second');
    answers[0]?.('first');
    await Promise.all([first, second]);
    expect(state).toEqual({ status: 'ready', error: null, value: 'second' });

    fail = true;
    await load();
    expect(state).toEqual({ status: 'error', error: 'The engine is starting.', value: 'second' });
  });

  it('show an action’s failure as a toast and hand refused fields to the form', async () => {
    const refused = await attempt('Nothing was saved', () =>
      Promise.reject(new ApiError(badInput({ name: 'Give it a name.' }).shape)),
    );
    expect(refused).toEqual({ ok: false, fields: { name: 'Give it a name.' } });
    const failed = await attempt('Nothing was saved', () =>
      Promise.reject(new ApiError(engineError('UNAVAILABLE', 'The engine stopped.').shape)),
    );
    expect(failed).toEqual({ ok: false, fields: {} });
    // The toast says the words, without the field's name in the code ("name: …").
    expect(toastsShown()).toEqual([
      'Nothing was saved: Give it a name.',
      'Nothing was saved: The engine stopped.',
    ]);
    expect(await attempt('Nothing was saved', async () => 7)).toEqual({ ok: true, value: 7 });
  });

  it('replace an item in place or add it at the end', () => {
    const list = [
      { id: 'a', n: 1 },
      { id: 'b', n: 1 },
    ];
    expect(upsertById(list, { id: 'a', n: 2 })).toEqual([
      { id: 'a', n: 2 },
      { id: 'b', n: 1 },
    ]);
    expect(upsertById(list, { id: 'c', n: 1 }).map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('the media store', () => {
  it('fetches each item once, and forgets items the library no longer has', async () => {
    const api = installFakeApi({
      'media:getMany': ({ ids }) => ({
        items: ids.filter((id) => id !== 'gone').map((id) => aMediaItem({ id })),
      }),
    });
    const { request, refresh } = useMedia.getState().actions;
    request(['a', 'b']);
    request(['a', 'b']);
    await refresh(['gone']);
    expect(api.callsTo('media:getMany')).toEqual([{ ids: ['a', 'b'] }, { ids: ['gone'] }]);
    expect([...useMedia.getState().items.keys()]).toEqual(['a', 'b']);
    expect(useMedia.getState().gone.has('gone')).toBe(true);
  });
});
