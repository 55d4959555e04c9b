import { open, type FileHandle } from 'node:fs/promises';

/** What a picture's header says, read without starting ffprobe. */
export interface ImageHeader {
  codec: string;
  width: number;
  height: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function sane(width: number, height: number): boolean {
  return width > 0 && height > 0 && width <= 65_535 && height <= 65_535;
}

function png(head: Buffer): ImageHeader | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (head.length < 24 || !head.subarray(0, 8).equals(signature)) return null;
  if (head.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { codec: 'png', width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

function gif(head: Buffer): ImageHeader | null {
  const tag = head.toString('ascii', 0, 6);
  if (head.length < 10 || (tag !== 'GIF87a' && tag !== 'GIF89a')) return null;
  return { codec: 'gif', width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
}

function bmp(head: Buffer): ImageHeader | null {
  if (head.length < 26 || head.toString('ascii', 0, 2) !== 'BM') return null;
  return { codec: 'bmp', width: head.readInt32LE(18), height: Math.abs(head.readInt32LE(22)) };
}

function webp(head: Buffer): ImageHeader | null {
  if (head.length < 30 || head.toString('ascii', 0, 4) !== 'RIFF') return null;
  if (head.toString('ascii', 8, 12) !== 'WEBP') return null;
  const chunk = head.toString('ascii', 12, 16);
  if (chunk === 'VP8X') {
    return {
      codec: 'webp',
      width: 1 + head.readUIntLE(24, 3),
      height: 1 + head.readUIntLE(27, 3),
    };
  }
  if (chunk === 'VP8 ') {
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return null;
    return {
      codec: 'webp',
      width: head.readUInt16LE(26) & 0x3fff,
      height: head.readUInt16LE(28) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    if (head[20] !== 0x2f) return null;
    const bits = head.readUInt32LE(21);
    return { codec: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return null;
}

/** Walks JPEG segments to the frame header; EXIF blocks before it can be large. */
async function jpeg(handle: FileHandle, head: Buffer): Promise<ImageHeader | null> {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return null;
  let position = 2;
  for (let guard = 0; guard < 200; guard += 1) {
    const marker = await readAt(handle, position, 9);
    if (marker.length < 4 || marker[0] !== 0xff) return null;
    const type = marker[1] ?? 0;
    if (type === 0xff) {
      position += 1;
      continue;
    }
    const length = marker.readUInt16BE(2);
    const isFrame = type >= 0xc0 && type <= 0xcf && type !== 0xc4 && type !== 0xc8 && type !== 0xcc;
    if (isFrame) {
      if (marker.length < 9) return null;
      return { codec: 'mjpeg', width: marker.readUInt16BE(7), height: marker.readUInt16BE(5) };
    }
    if (type === 0xd9 || type === 0xda || length < 2) return null;
    position += 2 + length;
  }
  return null;
}

/**
 * Reads the size of a PNG, JPEG, GIF, WebP or BMP picture from its header. ffprobe reads no
 * more than this for a still picture, at the cost of a process per file; anything this cannot
 * read with certainty (other formats, odd headers) returns null and goes to ffprobe.
 */
export async function readImageHeader(file: string): Promise<ImageHeader | null> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const head = await readAt(handle, 0, 32);
    const found = png(head) ?? gif(head) ?? bmp(head) ?? webp(head) ?? (await jpeg(handle, head));
    return found && sane(found.width, found.height) ? found : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
