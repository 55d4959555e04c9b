import { describe, expect, it } from 'vitest';
import { changeTone, formatChange, kpiChange, kpiDefinition } from './statistics-kpis';

describe('a figure against the previous period', () => {
  it('compares counts by their relative change and rates in percentage points', () => {
    expect(kpiChange('count', 150, 100)).toEqual({ kind: 'relative', delta: 0.5, direction: 'up' });
    expect(formatChange(kpiChange('count', 150, 100))).toBe('+50 %');
    expect(formatChange(kpiChange('count', 97, 100))).toBe('−3 %');
    expect(formatChange(kpiChange('average', 1.05, 1))).toBe('+5 %');
    expect(formatChange(kpiChange('rate', 0.9, 0.935))).toBe('−3.5 pts');
    expect(formatChange(kpiChange('rate', 0.5, 0.5))).toBe('±0 pts');
  });

  it('says "new" when there was nothing before, and nothing when a side is not reported', () => {
    expect(kpiChange('count', 3, 0)).toEqual({ kind: 'new' });
    expect(formatChange(kpiChange('count', 0, 0))).toBe('±0 %');
    expect(kpiChange('count', null, 4)).toEqual({ kind: 'none' });
    expect(formatChange(kpiChange('rate', 0.4, null))).toBe('—');
  });

  it('colours a change by which way is good news for the figure', () => {
    const up = kpiChange('count', 2, 1);
    expect(changeTone(kpiDefinition('postsSucceeded'), up)).toBe('good');
    expect(changeTone(kpiDefinition('postsFailed'), up)).toBe('bad');
    expect(changeTone(kpiDefinition('postsPending'), up)).toBe('neutral');
    expect(changeTone(kpiDefinition('postsFailed'), kpiChange('count', 1, 1))).toBe('neutral');
  });
});
