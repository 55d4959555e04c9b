/** Multi-selection in an ordered list, the way file managers do it. */
export interface SelectionState {
  selected: readonly string[];
  /** Where a shift-click range starts. */
  anchor: number | null;
}

export interface ClickModifiers {
  shift: boolean;
  ctrl: boolean;
}

function range(ids: readonly string[], from: number, to: number): string[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return ids.slice(start, end + 1);
}

/**
 * How a plain click behaves where several items may be chosen: `browse` (the Media screen, as
 * file managers do) selects the one item; `pick` (the GalleryDialog, where the person gathers
 * items) toggles it, as a ctrl-click does, and a shift-click adds the range.
 */
export type ClickMode = 'browse' | 'pick';

/** Click: select one (pick: toggle one); ctrl/cmd-click: toggle one; shift-click: a range. */
export function clickSelect(
  state: SelectionState,
  ids: readonly string[],
  index: number,
  modifiers: ClickModifiers,
  multiple: boolean,
  mode: ClickMode = 'browse',
): SelectionState {
  const id = ids[index];
  if (id === undefined) return state;
  if (!multiple) return { selected: [id], anchor: index };
  if (modifiers.shift && state.anchor !== null) {
    const span = range(ids, state.anchor, index);
    if (modifiers.ctrl || mode === 'pick') {
      const merged = new Set([...state.selected, ...span]);
      return { selected: [...merged], anchor: state.anchor };
    }
    return { selected: span, anchor: state.anchor };
  }
  if (modifiers.ctrl || mode === 'pick') {
    const has = state.selected.includes(id);
    return {
      selected: has ? state.selected.filter((s) => s !== id) : [...state.selected, id],
      anchor: index,
    };
  }
  return { selected: [id], anchor: index };
}

/** Space on the active item: toggles it (single mode: selects it). */
export function toggleSelect(
  state: SelectionState,
  ids: readonly string[],
  index: number,
  multiple: boolean,
): SelectionState {
  return clickSelect(state, ids, index, { shift: false, ctrl: multiple }, multiple);
}

/** Shift+arrow: extends the range from the anchor to the new active item. */
export function extendSelect(
  state: SelectionState,
  ids: readonly string[],
  from: number,
  to: number,
  multiple: boolean,
): SelectionState {
  const anchor = state.anchor ?? from;
  if (!multiple) return clickSelect(state, ids, to, { shift: false, ctrl: false }, false);
  return { selected: range(ids, anchor, to), anchor };
}
