import { useEffect } from 'react';
import { navigationTargetSchema, type NavigationTarget } from '../../../shared/domain/screens';
import { api } from '../api/api-client';
import { useNavigation } from '../stores/navigation-store';
import './automation.css';

/** `#screen=distribution&item=<id>`: how the desktop shell opens a new window on a screen. */
export function parseNavigationHash(hash: string): NavigationTarget | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const parsed = navigationTargetSchema.safeParse({
    screen: params.get('screen') ?? undefined,
    itemId: params.get('item') ?? undefined,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Brings an item into view once its screen shows it: the element marked `data-item-id` is
 * scrolled to and highlighted for a moment. Lists load after the screen appears, so it waits
 * (up to a few seconds) for the element.
 */
export function revealItem(itemId: string, timeoutMs = 5_000): void {
  const selector = `[data-item-id="${CSS.escape(itemId)}"]`;
  const reveal = (element: Element) => {
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.classList.add('item-revealed');
    window.setTimeout(() => element.classList.remove('item-revealed'), 2_500);
  };
  const found = document.querySelector(selector);
  if (found) return reveal(found);
  const observer = new MutationObserver(() => {
    const element = document.querySelector(selector);
    if (!element) return;
    observer.disconnect();
    window.clearTimeout(timer);
    reveal(element);
  });
  const timer = window.setTimeout(() => observer.disconnect(), timeoutMs);
  observer.observe(document.body, { childList: true, subtree: true });
}

export function navigateTo(target: NavigationTarget): void {
  useNavigation.getState().go(target.screen);
  if (target.itemId) revealItem(target.itemId);
}

/** Follows the shell's requests (a notification or a menu item was clicked). */
export function useNavigationRequests(): void {
  useEffect(() => {
    const initial = parseNavigationHash(window.location.hash);
    if (initial) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      navigateTo(initial);
    }
    return api.on('app:navigate', navigateTo);
  }, []);
}
