import { statfs } from 'node:fs/promises';

/** Bytes an ordinary user may still write on the disk holding `dir`. */
export async function systemFreeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}
