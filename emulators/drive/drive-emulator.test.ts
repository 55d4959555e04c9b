import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from './drive-emulator';
import { FOLDER_MIME } from './drive-emulator-state';
import { compileDriveQuery } from './drive-query';
import { parseByteRange } from './drive-file-routes';

const KiB = 1024;
let drive: DriveEmulator;
let auth: { authorization: string };

beforeEach(async () => {
  drive = await startDriveEmulator({ storageLimit: 2048 * KiB });
  auth = {
    authorization: `Bearer ${drive.state.tokens.issue(drive.state.user.permissionId, []).accessToken}`,
  };
});
afterEach(() => drive.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${drive.baseUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });

async function createFolder(name: string, parents: string[] = [], appProperties = {}) {
  const response = await api('/drive/v3/files?fields=id,name,parents,appProperties', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, mimeType: FOLDER_MIME, parents, appProperties }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; name: string };
}

async function upload(bytes: Buffer, metadata: Record<string, unknown>) {
  const start = await api(
    '/upload/drive/v3/files?uploadType=resumable&fields=id,size,md5Checksum',
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-upload-content-length': String(bytes.length),
        'x-upload-content-type': 'application/gzip',
      },
      body: JSON.stringify(metadata),
    },
  );
  if (start.status !== 200) return { status: start.status, body: (await start.json()) as unknown };
  const done = await fetch(start.headers.get('location')!, {
    method: 'PUT',
    headers: { 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
  });
  return { status: done.status, body: (await done.json()) as { id: string; size: string } };
}

describe('the Drive query language', () => {
  const file = {
    name: 'backup-1.db.gz',
    mimeType: 'application/gzip',
    parents: ['folder-1'],
    trashed: false,
    appProperties: { reelpilotId: 'b-1', kind: 'backup' },
  };

  it('matches app properties, parents, trash, type and name, joined by and', () => {
    const q = (text: string) => compileDriveQuery(text)(file);
    expect(q("appProperties has { key='reelpilotId' and value='b-1' }")).toBe(true);
    expect(q("appProperties has { key='reelpilotId' and value='b-2' }")).toBe(false);
    expect(q("'folder-1' in parents and trashed = false")).toBe(true);
    expect(q("'folder-2' in parents")).toBe(false);
    expect(q(`mimeType != '${FOLDER_MIME}' and name contains 'backup'`)).toBe(true);
    expect(q("name = 'it\\'s'")).toBe(false);
    expect(q('trashed = true')).toBe(false);
  });

  it('refuses what it cannot read', () => {
    expect(() => compileDriveQuery('starred = true')).toThrow(/does not search by/);
    expect(() => compileDriveQuery('modifiedTime > 3')).toThrow(/Unexpected/);
    expect(() => compileDriveQuery("name = 'open")).toThrow(/Unterminated/);
    expect(() => compileDriveQuery('trashed = maybe')).toThrow(/true or false/);
  });

  it('reads byte ranges as HTTP does', () => {
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toBeNull();
    expect(parseByteRange('pages=1-2', 100)).toBeNull();
  });
});

describe('the Drive emulator', () => {
  it('creates folders, finds files by app properties and parents, pages through lists', async () => {
    const root = await createFolder('ReelPilot', [], { reelpilotFolder: 'root' });
    const backups = await createFolder('Backups', [root.id], { reelpilotFolder: 'backups' });
    for (let i = 0; i < 3; i += 1) {
      const done = await upload(randomBytes(10 * KiB), {
        name: `b${i}.db.gz`,
        parents: [backups.id],
        appProperties: { reelpilotId: `b-${i}` },
      });
      expect(done.status).toBe(200);
    }
    const byId = await api(
      `/drive/v3/files?q=${encodeURIComponent("appProperties has { key='reelpilotId' and value='b-1' } and trashed = false")}&fields=files(id,name,size,appProperties)`,
    );
    expect(await byId.json()).toEqual({
      files: [
        {
          id: expect.any(String),
          name: 'b1.db.gz',
          size: String(10 * KiB),
          appProperties: { reelpilotId: 'b-1' },
        },
      ],
    });
    const first = await api(
      `/drive/v3/files?q=${encodeURIComponent(`'${backups.id}' in parents`)}&pageSize=2&fields=nextPageToken,files(name)`,
    );
    const page = (await first.json()) as { files: unknown[]; nextPageToken: string };
    expect(page.files).toHaveLength(2);
    const rest = await api(
      `/drive/v3/files?q=${encodeURIComponent(`'${backups.id}' in parents`)}&pageSize=2&pageToken=${page.nextPageToken}&fields=nextPageToken,files(name)`,
    );
    expect(await rest.json()).toEqual({ files: [{ name: expect.any(String) }] });
    const folder = await api(
      `/drive/v3/files?q=${encodeURIComponent("appProperties has { key='reelpilotFolder' and value='backups' }")}&fields=files(id)`,
    );
    expect(await folder.json()).toEqual({ files: [{ id: backups.id }] });
    const bad = await api(`/drive/v3/files?q=${encodeURIComponent('starred = true')}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { errors: [{ reason: 'invalid' }] } });
  });

  it('serves content whole and by Range, and drops a download when switched', async () => {
    const bytes = randomBytes(300 * KiB);
    const done = await upload(bytes, { name: 'x.bin' });
    const id = (done.body as { id: string }).id;
    const whole = await api(`/drive/v3/files/${id}?alt=media`);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await api(`/drive/v3/files/${id}?alt=media`, {
      headers: { range: 'bytes=1000-1999' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
    const md5 = createHash('md5').update(bytes).digest('hex');
    const meta = await api(`/drive/v3/files/${id}?fields=md5Checksum,size`);
    expect(await meta.json()).toEqual({ md5Checksum: md5, size: String(bytes.length) });

    await fetch(`${drive.baseUrl}/__emulator/switches`, {
      method: 'POST',
      body: JSON.stringify({ dropNextDownloadAfterBytes: 64 * KiB }),
    });
    await expect(
      api(`/drive/v3/files/${id}?alt=media`).then((r) => r.arrayBuffer()),
    ).rejects.toThrow();
    const again = await api(`/drive/v3/files/${id}?alt=media`);
    expect((await again.arrayBuffer()).byteLength).toBe(bytes.length);
  });

  it('deletes files, and a folder with what is inside it', async () => {
    const folder = await createFolder('Renders');
    const done = await upload(randomBytes(KiB), { name: 'v.mp4', parents: [folder.id] });
    expect(done.status).toBe(200);
    expect((await api(`/drive/v3/files/${folder.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(drive.state.files.size).toBe(0);
    expect((await api(`/drive/v3/files/${folder.id}`, { method: 'DELETE' })).status).toBe(404);
    const orphan = await upload(randomBytes(KiB), { name: 'v.mp4', parents: [folder.id] });
    expect(orphan.status).toBe(404);
  });

  it('reports the user and the quota, refuses what does not fit, and rate-limits per user', async () => {
    await upload(randomBytes(512 * KiB), { name: 'a' });
    const about = await api('/drive/v3/about?fields=user(displayName,emailAddress),storageQuota');
    expect(await about.json()).toEqual({
      user: { displayName: 'ReelPilot Sandbox', emailAddress: 'sandbox.drive@example.com' },
      storageQuota: {
        limit: String(2048 * KiB),
        usage: String(512 * KiB),
        usageInDrive: String(512 * KiB),
        usageInDriveTrash: '0',
      },
    });
    const full = await upload(randomBytes(1600 * KiB), { name: 'big' });
    expect(full.status).toBe(403);
    expect(full.body).toMatchObject({ error: { errors: [{ reason: 'storageQuotaExceeded' }] } });

    await fetch(`${drive.baseUrl}/__emulator/switches`, {
      method: 'POST',
      body: JSON.stringify({ queriesPerMinute: 2 }),
    });
    expect((await api('/drive/v3/about?fields=user')).status).toBe(200);
    expect((await api('/drive/v3/about?fields=user')).status).toBe(200);
    const limited = await api('/drive/v3/about?fields=user');
    expect(limited.status).toBe(403);
    expect(await limited.json()).toMatchObject({
      error: { errors: [{ reason: 'userRateLimitExceeded' }] },
    });
  });

  it('counts the trash against the quota and hides trashed files from trashed = false', async () => {
    const folder = await createFolder('Backups');
    const done = await upload(randomBytes(100 * KiB), { name: 'b', parents: [folder.id] });
    const id = (done.body as { id: string }).id;
    await fetch(`${drive.baseUrl}/__emulator/switches`, {
      method: 'POST',
      body: JSON.stringify({ trashFile: folder.id }),
    });
    expect(drive.state.files.get(id)?.trashed).toBe(true);
    const listed = await api(
      `/drive/v3/files?q=${encodeURIComponent('trashed = false')}&fields=files(id)`,
    );
    expect(await listed.json()).toEqual({ files: [] });
    const about = await api('/drive/v3/about?fields=storageQuota(usageInDriveTrash)');
    expect(await about.json()).toEqual({ storageQuota: { usageInDriveTrash: String(100 * KiB) } });
  });
});
