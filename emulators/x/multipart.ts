/** Parts of a multipart/form-data body (one APPEND segment, a few MB at most). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return null;
  const delimiter = Buffer.from(`--${marker}`);
  const parts = new Map<string, Buffer>();
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) return null;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${marker}`), headerEnd + 4);
    if (next === -1) return null;
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) parts.set(name, body.subarray(headerEnd + 4, next));
    position = next + 2;
  }
  return null;
}
