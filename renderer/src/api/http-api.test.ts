import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpApi } from './http-api';

/** The browser's EventSource, driven by the test. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  private readonly handlers = new Map<string, Array<(event: unknown) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, handler: (event: unknown) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  fire(type: string, event: unknown = {}) {
    for (const handler of this.handlers.get(type) ?? []) handler(event);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('the HTTP api', () => {
  it('says when the event stream is back after a break, not on its first open', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const api = createHttpApi();
    const resyncs = vi.fn();
    api.onResync?.(resyncs);
    const notices = vi.fn();
    api.on('app:notice', notices);
    const source = FakeEventSource.last as FakeEventSource;
    expect(source.url).toBe('/api/events');

    source.fire('open');
    expect(resyncs).not.toHaveBeenCalled();
    source.fire('error');
    source.fire('open');
    expect(resyncs).toHaveBeenCalledTimes(1);
    source.fire('open');
    expect(resyncs).toHaveBeenCalledTimes(1);

    source.fire('app:notice', {
      data: JSON.stringify({ level: 'info', title: 'Hi', body: 'there' }),
    });
    expect(notices).toHaveBeenCalledWith({ level: 'info', title: 'Hi', body: 'there' });
  });
});
