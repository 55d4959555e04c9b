import { describe, expect, it } from 'vitest';
import { clickSelect, extendSelect, toggleSelect, type SelectionState } from './selection';

const ids = ['a', 'b', 'c', 'd', 'e'];
const none: SelectionState = { selected: [], anchor: null };
const plain = { shift: false, ctrl: false };

describe('the gallery selection model', () => {
  it('selects one item on a click, replacing what was selected', () => {
    const first = clickSelect(none, ids, 1, plain, true);
    expect(first).toEqual({ selected: ['b'], anchor: 1 });
    expect(clickSelect(first, ids, 3, plain, true)).toEqual({ selected: ['d'], anchor: 3 });
  });

  it('toggles one item on a ctrl-click and moves the anchor there', () => {
    const one = clickSelect(none, ids, 1, plain, true);
    const two = clickSelect(one, ids, 3, { shift: false, ctrl: true }, true);
    expect(two).toEqual({ selected: ['b', 'd'], anchor: 3 });
    expect(clickSelect(two, ids, 1, { shift: false, ctrl: true }, true)).toEqual({
      selected: ['d'],
      anchor: 1,
    });
  });

  it('selects the range from the anchor on a shift-click, in either direction', () => {
    const anchored = clickSelect(none, ids, 3, plain, true);
    expect(clickSelect(anchored, ids, 1, { shift: true, ctrl: false }, true)).toEqual({
      selected: ['b', 'c', 'd'],
      anchor: 3,
    });
    expect(clickSelect(anchored, ids, 4, { shift: true, ctrl: false }, true)).toEqual({
      selected: ['d', 'e'],
      anchor: 3,
    });
  });

  it('adds the range to the selection on a ctrl+shift-click', () => {
    const picked = clickSelect(none, ids, 0, plain, true);
    const anchored = clickSelect(picked, ids, 3, { shift: false, ctrl: true }, true);
    expect(clickSelect(anchored, ids, 4, { shift: true, ctrl: true }, true).selected).toEqual([
      'a',
      'd',
      'e',
    ]);
  });

  it('keeps one item at most when only one may be picked', () => {
    const one = clickSelect(none, ids, 1, plain, false);
    expect(clickSelect(one, ids, 3, { shift: true, ctrl: true }, false)).toEqual({
      selected: ['d'],
      anchor: 3,
    });
    expect(toggleSelect(one, ids, 2, false)).toEqual({ selected: ['c'], anchor: 2 });
    expect(extendSelect(one, ids, 1, 4, false).selected).toEqual(['e']);
  });

  it('toggles the active item with space and extends with shift+arrows', () => {
    const one = toggleSelect(none, ids, 2, true);
    expect(toggleSelect(one, ids, 2, true).selected).toEqual([]);
    expect(extendSelect(one, ids, 2, 4, true)).toEqual({ selected: ['c', 'd', 'e'], anchor: 2 });
    expect(extendSelect(none, ids, 1, 0, true)).toEqual({ selected: ['a', 'b'], anchor: 1 });
  });

  it('ignores a click outside the list', () => {
    const one = clickSelect(none, ids, 1, plain, true);
    expect(clickSelect(one, ids, 9, plain, true)).toBe(one);
  });
});

describe('picking in a multi-select picker (the GalleryDialog)', () => {
  it('toggles an item on a plain click, keeping the others', () => {
    const one = clickSelect(none, ids, 1, plain, true, 'pick');
    const two = clickSelect(one, ids, 3, plain, true, 'pick');
    expect(two).toEqual({ selected: ['b', 'd'], anchor: 3 });
    expect(clickSelect(two, ids, 1, plain, true, 'pick')).toEqual({ selected: ['d'], anchor: 1 });
  });

  it('adds the range from the anchor on a shift-click', () => {
    const one = clickSelect(none, ids, 0, plain, true, 'pick');
    const anchored = clickSelect(one, ids, 2, plain, true, 'pick');
    expect(
      clickSelect(anchored, ids, 4, { shift: true, ctrl: false }, true, 'pick').selected,
    ).toEqual(['a', 'c', 'd', 'e']);
  });

  it('still picks one at most where only one may be picked', () => {
    const one = clickSelect(none, ids, 1, plain, false, 'pick');
    expect(clickSelect(one, ids, 3, plain, false, 'pick')).toEqual({ selected: ['d'], anchor: 3 });
  });
});
