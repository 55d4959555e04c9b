import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect } from 'vitest';
import { currentFakeApi, installFakeApi, resetStores } from './harness';

// What jsdom does not have and the renderer uses: media queries, element sizes, scrolling.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }) as MediaQueryList;

/** Every observed element is 960×600: enough for the gallery to lay out a few rows. */
class FixedSizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    const entry = { target, contentRect: { width: 960, height: 600 } } as ResizeObserverEntry;
    this.callback([entry], this as unknown as ResizeObserver);
  }
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver ??= FixedSizeObserver as unknown as typeof ResizeObserver;
window.scrollTo = () => {};

beforeEach(() => {
  // A test that forgets to install its own fake talks to one that answers nothing.
  installFakeApi();
});

afterEach(() => {
  cleanup();
  // Kept drafts and the last screen live in the renderer's storage: each test starts empty.
  window.localStorage.clear();
  const problems = currentFakeApi()?.problems ?? [];
  resetStores();
  expect(problems, 'the fake Api saw calls or answers that break the contract').toEqual([]);
});
