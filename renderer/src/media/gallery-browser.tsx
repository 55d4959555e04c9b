import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  mediaKinds,
  type MediaItem,
  type MediaKind,
  type MediaQuery,
  type MediaSort,
} from '../../../shared/domain/media';
import { MediaCell, optionId } from './media-cell';
import {
  clickSelect,
  extendSelect,
  toggleSelect,
  type ClickMode,
  type SelectionState,
} from './selection';
import { useMediaLibrary } from './use-media-library';
import { VirtualGrid, type GalleryLayout } from './virtual-grid';
import { cx } from '../components/class-names';
import { Spinner } from '../components/spinner';
import { plural } from '../format';
import styles from './gallery-browser.module.css';

export interface GalleryBrowserProps {
  label: string;
  selection: SelectionState;
  onSelectionChange(selection: SelectionState): void;
  multiple?: boolean;
  /** `pick` where the person gathers items (a plain click toggles); `browse` by default. */
  clickMode?: ClickMode;
  /** Only these kinds can be shown and picked (an audio track picker shows sound only). */
  kinds?: readonly MediaKind[];
  /** Enter or double click on an item. */
  onActivate?(item: MediaItem): void;
  /** The item under the keyboard or last clicked, for a preview beside the grid. */
  onActiveItem?(item: MediaItem | null): void;
  /** Shown when the library has nothing at all (an upload button, for instance). */
  emptyHint?: ReactNode;
}

const sortLabels: Record<MediaSort, string> = {
  imported: 'Date added',
  name: 'Name',
  size: 'Size',
  duration: 'Length',
  modified: 'Date modified',
};

const layouts: ReadonlyArray<[GalleryLayout, string]> = [
  ['grid', 'Grid'],
  ['list', 'List'],
];

const filterLabels: Record<'all' | MediaKind, string> = {
  all: 'All',
  image: 'Pictures',
  video: 'Videos',
  audio: 'Sound',
};

/** Buttons of which one is on: what kind of media to show, grid or list. */
function Segmented<T extends string>(props: {
  label: string;
  options: ReadonlyArray<readonly [T, string]>;
  value: T;
  onChange(value: T): void;
}) {
  return (
    <div className={styles.segmented} role="group" aria-label={props.label}>
      {props.options.map(([value, label]) => (
        <button
          key={value}
          type="button"
          className={styles.segment}
          aria-pressed={props.value === value}
          onClick={() => props.onChange(value)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** The library browser shared by the Media screen and the GalleryDialog. */
export function GalleryBrowser(props: GalleryBrowserProps) {
  const multiple = props.multiple ?? true;
  // A key, not the array: callers often pass a fresh array literal on every render.
  const allowedKey = (props.kinds && props.kinds.length > 0 ? props.kinds : mediaKinds).join(',');
  const allowed = useMemo(() => allowedKey.split(',') as MediaKind[], [allowedKey]);
  const [layout, setLayout] = useState<GalleryLayout>('grid');
  const [filter, setFilter] = useState<'all' | MediaKind>('all');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<MediaSort>('imported');
  const [ascending, setAscending] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(searchText.trim()), 200);
    return () => window.clearTimeout(timer);
  }, [searchText]);

  const query = useMemo<MediaQuery>(
    () => ({
      kinds: filter === 'all' ? [...allowed] : [filter],
      ...(search ? { search } : {}),
      sort,
      direction: ascending ? 'asc' : 'desc',
    }),
    [allowed, filter, search, sort, ascending],
  );
  const library = useMediaLibrary(query);
  const ids = useMemo(() => library.ids ?? [], [library.ids]);
  const selectedSet = useMemo(() => new Set(props.selection.selected), [props.selection.selected]);
  const filtered = filter !== 'all' || search !== '';

  const { request } = library;
  const onVisibleRange = useCallback(
    (first: number, last: number) => request(ids.slice(first, last + 1)),
    [ids, request],
  );

  const { onActiveItem } = props;
  const activeId = activeIndex >= 0 ? ids[activeIndex] : undefined;
  const activeItem = activeId ? library.items.get(activeId) : undefined;
  useEffect(() => {
    onActiveItem?.(activeItem ?? null);
  }, [activeItem, onActiveItem]);

  const select = (next: SelectionState) => props.onSelectionChange(next);

  const onOtherKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && event.key.toLowerCase() === 'a' && multiple) {
      event.preventDefault();
      select({ selected: [...ids], anchor: 0 });
    } else if (event.key === ' ' && activeIndex >= 0) {
      event.preventDefault();
      select(toggleSelect(props.selection, ids, activeIndex, multiple));
    } else if (event.key === 'Enter' && activeItem && props.onActivate) {
      event.preventDefault();
      props.onActivate(activeItem);
    }
  };

  const clearFilters = () => {
    setFilter('all');
    setSearchText('');
    setSearch('');
  };

  let body: ReactNode;
  if (library.error && library.ids === null) {
    body = (
      <div className={styles.state} role="alert">
        <p>The library could not be loaded: {library.error}</p>
        <button type="button" onClick={library.reload}>
          Try again
        </button>
      </div>
    );
  } else if (library.ids === null) {
    body = (
      <div className={styles.state} role="status">
        <Spinner /> Loading the library…
      </div>
    );
  } else if (ids.length === 0) {
    body = (
      <div className={styles.state}>
        {filtered ? (
          <>
            <p>Nothing in the library matches these filters.</p>
            <button type="button" className="secondary" onClick={clearFilters}>
              Clear filters
            </button>
          </>
        ) : (
          <>
            <p>The library is empty.</p>
            {props.emptyHint}
          </>
        )}
      </div>
    );
  } else {
    body = (
      <VirtualGrid
        count={ids.length}
        layout={layout}
        activeIndex={activeIndex}
        label={props.label}
        multiselectable={multiple}
        activeDescendant={activeId ? optionId(activeId) : undefined}
        onVisibleRange={onVisibleRange}
        onNavigate={(index, modifiers) => {
          if (modifiers.shift)
            select(extendSelect(props.selection, ids, activeIndex, index, multiple));
          setActiveIndex(index);
        }}
        onOtherKey={onOtherKey}
        renderCell={(index, style) => {
          const id = ids[index] ?? '';
          return (
            <MediaCell
              key={id}
              id={id}
              item={library.items.get(id)}
              layout={layout}
              style={style}
              selected={selectedSet.has(id)}
              active={index === activeIndex}
              onClick={(event) => {
                setActiveIndex(index);
                select(
                  clickSelect(
                    props.selection,
                    ids,
                    index,
                    { shift: event.shiftKey, ctrl: event.ctrlKey || event.metaKey },
                    multiple,
                    props.clickMode,
                  ),
                );
              }}
              onDoubleClick={() => {
                const item = library.items.get(id);
                if (item && props.onActivate) props.onActivate(item);
              }}
            />
          );
        }}
      />
    );
  }

  return (
    <div className={styles.browser}>
      <div className={styles.toolbar} role="toolbar" aria-label="Library view">
        <input
          className={styles.search}
          type="search"
          aria-label="Search by name or tag"
          placeholder="Search by name or tag"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
        />
        {allowed.length > 1 && (
          <Segmented<'all' | MediaKind>
            label="Kind"
            options={(['all', ...allowed] as const).map(
              (kind) => [kind, filterLabels[kind]] as const,
            )}
            value={filter}
            onChange={setFilter}
          />
        )}
        <label className={styles.inlineField}>
          <span>Sort by</span>
          <select
            value={sort}
            onChange={(event) => {
              const next = event.target.value as MediaSort;
              setSort(next);
              setAscending(next === 'name');
            }}
          >
            {(Object.keys(sortLabels) as MediaSort[]).map((key) => (
              <option key={key} value={key}>
                {sortLabels[key]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          aria-label={ascending ? 'Ascending order' : 'Descending order'}
          title={ascending ? 'Ascending: click for descending' : 'Descending: click for ascending'}
          onClick={() => setAscending((value) => !value)}
        >
          {ascending ? '↑' : '↓'}
        </button>
        <Segmented<GalleryLayout>
          label="Layout"
          options={layouts}
          value={layout}
          onChange={setLayout}
        />
        <span className={cx('muted', styles.count)} role="status">
          {library.ids === null ? '' : plural(ids.length, 'item')}
        </span>
        {multiple && ids.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => select({ selected: [...ids], anchor: 0 })}
          >
            Select all
          </button>
        )}
        {props.selection.selected.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => select({ selected: [], anchor: null })}
          >
            Clear selection
          </button>
        )}
      </div>
      {library.error && library.ids !== null && (
        <p className="error-text small" role="alert">
          Some items could not be loaded: {library.error}
        </p>
      )}
      {body}
    </div>
  );
}
