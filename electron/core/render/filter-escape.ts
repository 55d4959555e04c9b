/**
 * ffmpeg reads a filter graph in two passes, and each removes one level of quoting: the graph
 * parser splits filters on `[],;` and the filter's option parser splits options on `:=`. A value
 * that came from outside (a file path, typically under the user's home folder, or `C:\...` on
 * Windows) is escaped for both levels so that no character can end the value early.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** A number in a filter option: fixed decimals, never exponent notation. */
export function num(value: number, decimals = 4): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  const text = value.toFixed(decimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** `#RRGGBB` or `#RRGGBBAA` (validated by the plan schema) as ffmpeg's `0xRRGGBB@alpha`. */
export function ffmpegColor(hex: string): string {
  const rgb = hex.slice(1, 7);
  const alphaHex = hex.length === 9 ? hex.slice(7, 9) : 'ff';
  const alpha = parseInt(alphaHex, 16) / 255;
  return `0x${rgb}@${num(alpha, 3)}`;
}
