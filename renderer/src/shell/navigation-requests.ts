import { useEffect } from 'react';
import { prefersReducedMotion } from '../components/motion';
import { parseNavigationHash, useNavigation } from '../stores/navigation-store';
import styles from './reveal.module.css';

/** How long a revealed item stays highlighted, and how long a list may take to show it. */
const HIGHLIGHT_MS = 2_500;
const WAIT_MS = 5_000;

/**
 * Follows the desktop shell's requests to show a screen and an item: a window opened by a
 * notification carries `#screen=…&item=…` in its address, an open one gets `app:navigate`.
 */
export function useNavigationRequests(): void {
  const { show, subscribe } = useNavigation((state) => state.actions);
  useEffect(() => {
    const initial = parseNavigationHash(window.location.hash);
    if (initial) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      show(initial);
    }
    return subscribe();
  }, [show, subscribe]);
}

/**
 * Brings the item asked for into view once its screen shows it: the element marked
 * `data-item-id` is scrolled to and highlighted for a moment. Lists load after their screen
 * appears, so it waits (a few seconds at most) for the element.
 */
export function useRevealItem(): void {
  const reveal = useNavigation((state) => state.reveal);
  const { revealed } = useNavigation((state) => state.actions);
  useEffect(() => {
    if (!reveal) return;
    const find = () =>
      Array.from(document.querySelectorAll('[data-item-id]')).find(
        (element) => element.getAttribute('data-item-id') === reveal.itemId,
      );
    const revealedClass = styles.revealed;
    const highlight = (element: Element) => {
      element.scrollIntoView?.({
        block: 'center',
        behavior: prefersReducedMotion() ? 'auto' : 'smooth',
      });
      if (revealedClass) {
        element.classList.add(revealedClass);
        // Outlives this effect, which ends with `revealed()`: only a class is taken off.
        window.setTimeout(() => element.classList.remove(revealedClass), HIGHLIGHT_MS);
      }
      revealed();
    };
    const found = find();
    if (found) {
      highlight(found);
      return;
    }
    const observer = new MutationObserver(() => {
      const element = find();
      if (!element) return;
      observer.disconnect();
      highlight(element);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => {
      observer.disconnect();
      revealed();
    }, WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [reveal, revealed]);
}
