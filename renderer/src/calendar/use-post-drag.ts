import { useCallback, useEffect, useRef, useState } from 'react';
import type { CalendarPost } from '../../../shared/domain/calendar';

/** Where a post can be dropped: a day (month), or an hour of a day (week). */
export interface DropTarget {
  date: string;
  hour: number | null;
}

export interface PostDrag {
  post: CalendarPost;
  x: number;
  y: number;
  /** The drop target under the pointer, as `date` or `date@hour`. */
  over: string | null;
}

// A press that moves less than this is a click (it opens "Move to…").
const DRAG_THRESHOLD_PX = 5;

export function dropKey(target: DropTarget): string {
  return target.hour === null ? target.date : `${target.date}@${target.hour}`;
}

/** The drop target under a point: the nearest element marked with `data-drop-date`. */
function dropTargetAt(x: number, y: number): DropTarget | null {
  const element = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop-date]');
  const date = element?.dataset.dropDate;
  if (!element || !date) return null;
  const hour = element.dataset.dropHour;
  return { date, hour: hour === undefined ? null : Number(hour) };
}

/**
 * Dragging a waiting post with the pointer (mouse, pen or touch) onto a day or an hour; Escape
 * cancels. A press without movement stays a click, which opens the keyboard's way, "Move to…".
 */
export function usePostDrag(onDrop: (post: CalendarPost, target: DropTarget) => void) {
  const [drag, setDrag] = useState<PostDrag | null>(null);
  const dragged = useRef(false);
  const stop = useRef<(() => void) | null>(null);
  const drop = useRef(onDrop);
  useEffect(() => {
    drop.current = onDrop;
  });

  useEffect(() => () => stop.current?.(), []);

  const start = useCallback((event: React.PointerEvent, post: CalendarPost) => {
    if (event.button !== 0 || !event.isPrimary) return;
    const origin = { x: event.clientX, y: event.clientY };
    let active = false;
    dragged.current = false;
    const move = (e: PointerEvent) => {
      if (!active && Math.hypot(e.clientX - origin.x, e.clientY - origin.y) < DRAG_THRESHOLD_PX)
        return;
      active = true;
      e.preventDefault();
      const over = dropTargetAt(e.clientX, e.clientY);
      setDrag({ post, x: e.clientX, y: e.clientY, over: over ? dropKey(over) : null });
    };
    const up = (e: PointerEvent) => {
      cleanup();
      if (!active) return;
      dragged.current = true;
      setDrag(null);
      const target = dropTargetAt(e.clientX, e.clientY);
      if (target) drop.current(post, target);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      cleanup();
      dragged.current = active;
      setDrag(null);
    };
    const cleanup = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key);
      stop.current = null;
    };
    const cancel = () => {
      cleanup();
      setDrag(null);
    };
    stop.current?.();
    stop.current = cleanup;
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key);
  }, []);

  /** True once, right after a drag ended: the click that follows it is not a click. */
  const consumeDrag = useCallback(() => {
    const was = dragged.current;
    dragged.current = false;
    return was;
  }, []);

  return { drag, start, consumeDrag };
}
