import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notify, reportError } from '../stores/notices-store';
import { ToastList, toastLifetimeMs } from './toast-list';

afterEach(() => {
  vi.useRealTimers();
});

describe('toasts', () => {
  it('close by themselves, errors last longest, and none closes under the pointer', () => {
    vi.useFakeTimers();
    render(<ToastList />);
    act(() => {
      notify('Config saved', '“Morning beach” is scheduled.');
      reportError('The run could not start', new Error('A run is already rendering.'));
    });
    expect(screen.getByText('Config saved')).toBeTruthy();

    act(() => vi.advanceTimersByTime(toastLifetimeMs.info));
    expect(screen.queryByText('Config saved')).toBeNull();
    const error = screen.getByRole('alert');
    expect(error.textContent).toContain('A run is already rendering.');

    // Held while the person reads it; the clock starts again when the pointer leaves.
    fireEvent.pointerEnter(error);
    act(() => vi.advanceTimersByTime(toastLifetimeMs.error * 2));
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.pointerLeave(error);
    act(() => vi.advanceTimersByTime(toastLifetimeMs.error));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
