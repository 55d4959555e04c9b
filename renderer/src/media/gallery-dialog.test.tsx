import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MediaItem } from '../../../shared/domain/media';
import { aMediaItem } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { GalleryDialog } from './gallery-dialog';

const stats = { total: 3, image: 3, video: 0, audio: 0, missing: 0, uploadLimitBytes: 1 << 30 };

function installLibrary(library: MediaItem[]) {
  return installFakeApi({
    'media:stats': () => stats,
    'media:listIds': () => ({ ids: library.map((item) => item.id) }),
    'media:getMany': ({ ids }) => ({ items: library.filter((item) => ids.includes(item.id)) }),
  });
}

async function grid() {
  return within(await screen.findByRole('listbox', { name: 'Media library' }));
}

describe('the GalleryDialog', () => {
  it('hands back the chosen items and closes', async () => {
    const library = ['a', 'b', 'c'].map((id) => aMediaItem({ id, name: `${id}.png` }));
    const api = installLibrary(library);
    const onConfirm = vi.fn();
    const onOpenChange = vi.fn();
    render(
      <GalleryDialog open onOpenChange={onOpenChange} onConfirm={onConfirm} title="Pick photos" />,
    );

    const dialog = await screen.findByRole('dialog', { name: 'Pick photos' });
    const use = within(dialog).getByRole('button', { name: 'Use selected' });
    expect((use as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(await (await grid()).findByRole('option', { name: 'c.png' }));
    fireEvent.click((await grid()).getByRole('option', { name: 'a.png' }), { ctrlKey: true });
    expect(within(dialog).getByText('2 selected')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use 2 selected' }));

    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
    expect(onConfirm.mock.calls[0]?.[0].map((item: MediaItem) => item.id)).toEqual(['a', 'c']);
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(api.callsTo('media:getMany').at(-1)).toEqual({ ids: ['c', 'a'] });
  });

  it('toggles items on plain clicks, as a picker should, and picks one at most when single', async () => {
    const library = ['a', 'b', 'c'].map((id) => aMediaItem({ id, name: `${id}.png` }));
    installLibrary(library);
    const onConfirm = vi.fn();
    const { unmount } = render(
      <GalleryDialog open onOpenChange={() => {}} onConfirm={onConfirm} title="Pick photos" />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Pick photos' });
    const option = async (name: string) => (await grid()).findByRole('option', { name });
    await userEvent.click(await option('a.png'));
    await userEvent.click(await option('c.png'));
    expect(within(dialog).getByText('2 selected')).toBeTruthy();
    // A second plain click takes an item out again; the other stays.
    await userEvent.click(await option('a.png'));
    expect(within(dialog).getByText('1 selected')).toBeTruthy();
    expect((await option('c.png')).getAttribute('aria-selected')).toBe('true');
    expect((await option('a.png')).getAttribute('aria-selected')).toBe('false');
    unmount();

    render(
      <GalleryDialog
        open
        multiple={false}
        onOpenChange={() => {}}
        onConfirm={onConfirm}
        title="Pick one"
      />,
    );
    const single = await screen.findByRole('dialog', { name: 'Pick one' });
    await userEvent.click(await option('a.png'));
    await userEvent.click(await option('b.png'));
    expect(within(single).getByText('1 selected')).toBeTruthy();
    expect((await option('b.png')).getAttribute('aria-selected')).toBe('true');
  });

  it('keeps what it shows fresh when thumbnails are drawn and the library changes', async () => {
    const library = [aMediaItem({ id: 'a', name: 'a.png', thumbnail: 'pending' })];
    const api = installLibrary(library);
    render(<GalleryDialog open onOpenChange={() => {}} onConfirm={() => {}} />);

    const first = await (await grid()).findByRole('option', { name: 'a.png' });
    expect(first.querySelector('img')).toBeNull();

    library[0] = { ...library[0]!, thumbnail: 'ready' };
    api.emit('media:thumbnails', { ids: ['a'] });
    await waitFor(() => expect(first.querySelector('img')).not.toBeNull());

    library.push(aMediaItem({ id: 'b', name: 'b.png' }));
    api.emit('media:changed', { reason: 'import', ids: ['b'] });
    await (await grid()).findByRole('option', { name: 'b.png' });
  });
});
