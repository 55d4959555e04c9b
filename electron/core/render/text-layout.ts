/**
 * drawtext draws one line as given and never wraps, so captions are wrapped here. Widths are
 * estimated from the bundled font (DejaVu Sans Bold averages about 0.62 em per character; wide
 * letters and emoji are counted wider) rather than measured, which keeps the builder pure.
 */
const averageAdvanceEm = 0.62;

function charWidthEm(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code > 0xffff) return 1.2; // emoji and other astral symbols
  if (/[MWmw@%]/.test(char)) return 0.95;
  if (/[A-Z0-9]/.test(char)) return 0.74;
  if (/[ilj.,:;'!|]/.test(char)) return 0.35;
  if (char === ' ') return 0.35;
  if (code >= 0x2e80) return 1.0; // CJK and other full-width scripts
  return averageAdvanceEm;
}

export function textWidthEm(text: string): number {
  let width = 0;
  for (const char of text) width += charWidthEm(char);
  return width;
}

/** Splits one word that is wider than a line into pieces that fit. */
function breakWord(word: string, maxEm: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of word) {
    if (current && textWidthEm(current + char) > maxEm) {
      pieces.push(current);
      current = '';
    }
    current += char;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Wraps `text` into lines at most `maxWidthPx` wide for `fontSize`. The user's own line breaks
 * are kept; blank lines are kept as empty strings so spacing stays as typed.
 */
export function wrapText(text: string, fontSize: number, maxWidthPx: number): string[] {
  const maxEm = Math.max(1, maxWidthPx / fontSize);
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w.length > 0);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let current = '';
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (textWidthEm(candidate) <= maxEm) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      if (textWidthEm(word) <= maxEm) {
        current = word;
      } else {
        const pieces = breakWord(word, maxEm);
        lines.push(...pieces.slice(0, -1));
        current = pieces.at(-1) ?? '';
      }
    }
    if (current) lines.push(current);
  }
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines;
}
