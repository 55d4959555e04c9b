import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import styles from './virtual-grid.module.css';

export type GalleryLayout = 'grid' | 'list';

export interface GridMetrics {
  columns: number;
  cellWidth: number;
  rowHeight: number;
  gap: number;
}

const minCell = 148;
const gap = 8;
const listRow = 52;

/** How many cells fit a row and how tall a row is; the same numbers drive keys and windowing. */
export function gridMetrics(width: number, layout: GalleryLayout): GridMetrics {
  if (layout === 'list')
    return { columns: 1, cellWidth: Math.max(0, width), rowHeight: listRow, gap: 0 };
  const columns = Math.max(1, Math.floor((width + gap) / (minCell + gap)));
  const cellWidth = Math.max(60, (width - gap * (columns - 1)) / columns);
  return { columns, cellWidth, rowHeight: Math.round(cellWidth * 0.75) + 44 + gap, gap };
}

/** The rows to draw for a scroll position, with a few extra rows either side. */
export function visibleRows(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  rowCount: number,
  overscan = 3,
): { first: number; last: number } {
  if (rowCount === 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}

export interface NavigateModifiers {
  shift: boolean;
  ctrl: boolean;
}

interface VirtualGridProps {
  count: number;
  layout: GalleryLayout;
  activeIndex: number;
  renderCell(index: number, style: CSSProperties): ReactNode;
  onVisibleRange(first: number, last: number): void;
  /** Arrow keys, Home/End and Page keys move the active cell; the caller decides selection. */
  onNavigate(index: number, modifiers: NavigateModifiers): void;
  onOtherKey(event: KeyboardEvent<HTMLDivElement>): void;
  label: string;
  multiselectable: boolean;
  activeDescendant: string | undefined;
}

/**
 * A windowed grid or list: only the rows in view (and a few around them) exist in the page, so
 * ten thousand items scroll as smoothly as ten. The container holds focus and points at the
 * active cell with aria-activedescendant, since the cell itself may not be rendered.
 */
export function VirtualGrid(props: VirtualGridProps) {
  const { count, layout, activeIndex, onVisibleRange } = props;
  const container = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const metrics = gridMetrics(size.width, layout);
  const rowCount = Math.ceil(count / metrics.columns);
  const { first, last } = visibleRows(scrollTop, size.height, metrics.rowHeight, rowCount);
  const firstIndex = first * metrics.columns;
  const lastIndex = Math.min(count - 1, (last + 1) * metrics.columns - 1);

  useEffect(() => {
    if (lastIndex >= firstIndex) onVisibleRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, onVisibleRange]);

  // Keeps the active cell in view when the keyboard moves it.
  useEffect(() => {
    const element = container.current;
    if (!element || activeIndex < 0 || size.height === 0) return;
    const row = Math.floor(activeIndex / metrics.columns);
    const top = row * metrics.rowHeight;
    const bottom = top + metrics.rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (bottom > element.scrollTop + size.height) element.scrollTop = bottom - size.height;
  }, [activeIndex, metrics.columns, metrics.rowHeight, size.height]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const perPage = Math.max(1, Math.floor(size.height / metrics.rowHeight)) * metrics.columns;
    const from = activeIndex < 0 ? 0 : activeIndex;
    let target: number | null = null;
    switch (event.key) {
      case 'ArrowRight':
        target = layout === 'grid' ? from + 1 : null;
        break;
      case 'ArrowLeft':
        target = layout === 'grid' ? from - 1 : null;
        break;
      case 'ArrowDown':
        target = activeIndex < 0 ? 0 : from + metrics.columns;
        break;
      case 'ArrowUp':
        target = from - metrics.columns;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = count - 1;
        break;
      case 'PageDown':
        target = from + perPage;
        break;
      case 'PageUp':
        target = from - perPage;
        break;
    }
    if (target === null || count === 0) {
      props.onOtherKey(event);
      return;
    }
    event.preventDefault();
    const clamped = Math.max(0, Math.min(count - 1, target));
    props.onNavigate(clamped, { shift: event.shiftKey, ctrl: event.ctrlKey || event.metaKey });
  };

  const cells: ReactNode[] = [];
  for (let index = firstIndex; index <= lastIndex; index += 1) {
    const row = Math.floor(index / metrics.columns);
    const column = index % metrics.columns;
    cells.push(
      props.renderCell(index, {
        position: 'absolute',
        top: row * metrics.rowHeight,
        left: column * (metrics.cellWidth + metrics.gap),
        width: metrics.cellWidth,
        height: metrics.rowHeight - metrics.gap,
      }),
    );
  }

  return (
    <div
      ref={container}
      className={styles.grid}
      role="listbox"
      aria-label={props.label}
      aria-multiselectable={props.multiselectable}
      aria-activedescendant={props.activeDescendant}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className={styles.inner} style={{ height: rowCount * metrics.rowHeight }}>
        {cells}
      </div>
    </div>
  );
}
