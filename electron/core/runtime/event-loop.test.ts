import { describe, expect, it } from 'vitest';
import { EventLoopSlicer } from './event-loop';

describe('EventLoopSlicer', () => {
  it('lets waiting events through once a slice has used its budget, not before', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('event'));
    const patient = new EventLoopSlicer(60_000);
    await patient.pause();
    order.push('within budget');
    const spent = new EventLoopSlicer(0);
    await spent.pause();
    order.push('after a turn');
    expect(order).toEqual(['within budget', 'event', 'after a turn']);
  });
});
