import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../../shared/domain/media';
import { aMediaItem } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { GalleryBrowser } from './gallery-browser';
import type { SelectionState } from './selection';

const library: MediaItem[] = ['a', 'b', 'c', 'd', 'e'].map((id, index) =>
  aMediaItem({ id, name: `${id}.png`, kind: index === 4 ? 'video' : 'image' }),
);

function installLibrary() {
  return installFakeApi({
    'media:listIds': (query) => ({
      ids: library
        .filter((item) => !query.kinds || query.kinds.includes(item.kind))
        .map((item) => item.id),
    }),
    'media:getMany': ({ ids }) => ({ items: library.filter((item) => ids.includes(item.id)) }),
  });
}

function Browser({ multiple = true }: { multiple?: boolean }) {
  const [selection, setSelection] = useState<SelectionState>({ selected: [], anchor: null });
  return (
    <GalleryBrowser
      label="Media library"
      selection={selection}
      onSelectionChange={setSelection}
      multiple={multiple}
    />
  );
}

function cells(): HTMLElement[] {
  return within(screen.getByRole('listbox', { name: 'Media library' })).getAllByRole('option');
}

function selected(): string[] {
  return cells()
    .filter((option) => option.getAttribute('aria-selected') === 'true')
    .map((option) => option.getAttribute('aria-label') ?? '');
}

async function option(name: string): Promise<HTMLElement> {
  return within(await screen.findByRole('listbox', { name: 'Media library' })).findByRole(
    'option',
    { name },
  );
}

describe('the gallery', () => {
  it('selects like a file manager: click, ctrl-click, shift-click, all and none', async () => {
    installLibrary();
    render(<Browser />);

    await userEvent.click(await option('b.png'));
    expect(selected()).toEqual(['b.png']);
    fireEvent.click(await option('d.png'), { ctrlKey: true });
    expect(selected()).toEqual(['b.png', 'd.png']);
    fireEvent.click(await option('a.png'), { shiftKey: true });
    expect(selected()).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
    await userEvent.click(await option('e.png'));
    expect(selected()).toEqual(['e.png']);

    await userEvent.click(screen.getByRole('button', { name: 'Select all' }));
    expect(selected()).toHaveLength(5);
    await userEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(selected()).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Clear selection' })).toBeNull();
  });

  it('moves with the keyboard, toggles with space and extends with shift', async () => {
    installLibrary();
    render(<Browser />);

    await option('a.png');
    const grid = screen.getByRole('listbox', { name: 'Media library' });
    grid.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight} ');
    expect(selected()).toEqual(['c.png']);
    expect(grid.getAttribute('aria-activedescendant')).toBe('media-option-c');
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    expect(selected()).toEqual(['c.png', 'd.png', 'e.png']);
    await userEvent.keyboard(' ');
    expect(selected()).toEqual(['c.png', 'd.png']);
    await userEvent.keyboard('{Control>}a{/Control}');
    expect(selected()).toHaveLength(5);
  });

  it('keeps one item at most when only one may be picked', async () => {
    installLibrary();
    render(<Browser multiple={false} />);

    await userEvent.click(await option('b.png'));
    fireEvent.click(await option('d.png'), { ctrlKey: true });
    fireEvent.click(await option('a.png'), { shiftKey: true });
    expect(selected()).toEqual(['a.png']);
    expect(screen.queryByRole('button', { name: 'Select all' })).toBeNull();
    expect(screen.getByRole('listbox').getAttribute('aria-multiselectable')).toBe('false');
  });

  it('asks for the chosen kind only, and counts what it shows', async () => {
    const api = installLibrary();
    render(<Browser />);

    await option('a.png');
    const count = within(screen.getByRole('toolbar', { name: 'Library view' }));
    expect(count.getByText('5 items')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Videos' }));
    await waitFor(() => expect(cells()).toHaveLength(1));
    expect(count.getByText('1 item')).toBeTruthy();
    expect(api.callsTo('media:listIds').at(-1)?.kinds).toEqual(['video']);
    expect(screen.getByRole('button', { name: 'Videos' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });
});
