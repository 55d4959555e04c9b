import { describe, expect, it } from 'vitest';
import { textWidthEm, wrapText } from './text-layout';

describe('wrapText', () => {
  it('keeps short text on one line', () => {
    expect(wrapText('Hello world', 64, 900)).toEqual(['Hello world']);
  });

  it('wraps at word boundaries within the width', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 64, 500);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidthEm(line) * 64).toBeLessThanOrEqual(500);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten');
  });

  it('keeps the user line breaks and breaks a word wider than a line', () => {
    expect(wrapText('first\r\nsecond', 64, 900)).toEqual(['first', 'second']);
    const long = 'x'.repeat(60);
    const pieces = wrapText(long, 64, 400);
    expect(pieces.join('')).toBe(long);
    expect(pieces.length).toBeGreaterThan(1);
  });

  it('counts emoji as wide characters without splitting surrogate pairs', () => {
    const lines = wrapText('🎉'.repeat(20), 100, 500);
    expect(lines.join('')).toBe('🎉'.repeat(20));
    for (const line of lines) expect(line).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('drops blank lines at the ends', () => {
    expect(wrapText('\n\nhi\n\n', 64, 900)).toEqual(['hi']);
  });
});
