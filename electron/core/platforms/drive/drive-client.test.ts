import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from '../../../../emulators/drive/drive-emulator';
import { googleFaults } from '../../../../emulators/google/google-error-bodies';
import { emulatorPerTest, endpointsAt, failure, onlyOne } from '../testing/adapter-test-bed';
import {
  abortedAfterSave,
  fastRuntime,
  recordingContext,
  tokenProvider,
  type TempVideos,
} from '../testing/upload-test-kit';
import { buildDriveQuery, DriveClient, driveUploadStateSchema } from './drive-client';

const KiB = 1024;
let emulator: DriveEmulator;
let files: TempVideos;
emulatorPerTest(
  () => startDriveEmulator({ storageLimit: 4 * 1024 * KiB }),
  (fresh) => ({ emulator, files } = fresh),
);

let requests = 0;
const client = () =>
  new DriveClient({
    endpoints: endpointsAt('drive', emulator),
    runtime: fastRuntime,
    chunkBytes: 256 * KiB,
    onRequest: () => (requests += 1),
  });
const tokens = () => tokenProvider(emulator.state.tokens, emulator.state.user.permissionId);

describe('Drive queries', () => {
  it('quotes values and joins terms as Drive reads them', () => {
    expect(
      buildDriveQuery({ appProperties: { reelpilotId: "it's" }, parentId: 'p1', folders: false }),
    ).toBe(
      "appProperties has { key='reelpilotId' and value='it\\'s' } and 'p1' in parents and mimeType != 'application/vnd.google-apps.folder' and trashed = false",
    );
  });
});

describe('the Drive client against the emulator', () => {
  it('uploads through faults, resumes an aborted session and reports the quota', async () => {
    const backup = files.make(1200 * KiB);
    const auth = tokens();
    emulator.faults.arm('drive.upload.chunk', googleFaults.serverError, 1, 1);
    const first = abortedAfterSave(auth.get, 2);
    const request = {
      filePath: backup.path,
      sizeBytes: backup.sizeBytes,
      name: 'reelpilot-backup.db.gz',
      mimeType: 'application/gzip',
      appProperties: { reelpilotId: 'backup-1' },
      identity: 'reelpilotId',
    };
    await expect(client().upload(request, first.context)).rejects.toThrow();
    const state = driveUploadStateSchema.parse(first.last());
    const file = await client().upload({ ...request, state }, recordingContext(auth.get).context);
    expect(file).toMatchObject({
      sizeBytes: backup.sizeBytes,
      appProperties: { reelpilotId: 'backup-1' },
    });
    expect(onlyOne(emulator.state.files)).toMatchObject({ id: file.id, sha256: backup.sha256 });
    expect(emulator.state.uploads.sessions.size).toBe(1);

    const about = await client().about({ getAccessToken: auth.get });
    expect(about).toEqual({
      user: {
        displayName: 'ReelPilot Sandbox',
        emailAddress: 'sandbox.drive@example.com',
        photoUrl: null,
      },
      quota: {
        limitBytes: 4 * 1024 * KiB,
        usageBytes: 1200 * KiB,
        usageInDriveBytes: 1200 * KiB,
        trashBytes: 0,
      },
    });
    expect(requests).toBeGreaterThan(5);
  });

  it('never uploads twice: an expired session whose file was finished is found by its identity', async () => {
    const video = files.make(600 * KiB);
    const auth = tokens();
    const saved: unknown[] = [];
    const request = {
      filePath: video.path,
      sizeBytes: video.sizeBytes,
      name: 'render.mp4',
      mimeType: 'video/mp4',
      appProperties: { reelpilotId: 'render-7' },
      identity: 'reelpilotId',
    };
    // The upload finishes, but its answer is lost: the client only kept its session.
    const context = recordingContext(auth.get, { onSave: (state) => saved.push(state) }).context;
    await client().upload(request, context);
    const state = driveUploadStateSchema.parse(saved[0]);
    emulator.state.uploads.expireAll();
    const again = await client().upload({ ...request, state }, recordingContext(auth.get).context);
    expect(onlyOne(emulator.state.files).id).toBe(again.id);
    expect(emulator.state.uploads.sessions.size).toBe(1);
  });

  it('sends nothing when a file with the same identity is already on Drive', async () => {
    const video = files.make(300 * KiB);
    const auth = tokens();
    const request = {
      filePath: video.path,
      sizeBytes: video.sizeBytes,
      name: 'backup.db.gz',
      mimeType: 'application/gzip',
      appProperties: { reelpilotId: 'backup-3' },
      identity: 'reelpilotId',
    };
    const first = await client().upload(request, recordingContext(auth.get).context);
    // A database restored from before that upload knows nothing of it, and asks again.
    const again = await client().upload(request, recordingContext(auth.get).context);
    expect(again.id).toBe(first.id);
    expect(onlyOne(emulator.state.files).id).toBe(first.id);
    expect(emulator.state.uploads.sessions.size).toBe(1);
  });

  it('creates folders, lists by app property and parent, deletes, and says when a file is gone', async () => {
    const auth = { getAccessToken: tokens().get };
    const root = await client().createFolder(
      { name: 'ReelPilot', appProperties: { reelpilotFolder: 'root' } },
      auth,
    );
    const sub = await client().createFolder({ name: 'Backups', parentId: root.id }, auth);
    expect(sub.parents).toEqual([root.id]);
    expect(
      (
        await client().listFiles(
          { appProperties: { reelpilotFolder: 'root' }, folders: true },
          auth,
        )
      ).map((f) => f.id),
    ).toEqual([root.id]);
    expect((await client().listFiles({ parentId: root.id }, auth)).map((f) => f.name)).toEqual([
      'Backups',
    ]);
    expect(await client().getFile(sub.id, auth)).toMatchObject({
      name: 'Backups',
      sizeBytes: null,
    });
    expect(await client().deleteFile(root.id, auth)).toBe('deleted');
    expect(await client().deleteFile(root.id, auth)).toBe('gone');
    expect(await client().getFile(sub.id, auth)).toBeNull();
  });

  it('downloads with Range after a dropped connection, keeping what arrived', async () => {
    const source = files.make(900 * KiB);
    const auth = tokens();
    const uploaded = await client().upload(
      {
        filePath: source.path,
        sizeBytes: source.sizeBytes,
        name: 'b.gz',
        mimeType: 'application/gzip',
      },
      recordingContext(auth.get).context,
    );
    emulator.state.dropNextDownloadAfterBytes = 300 * KiB;
    const target = path.join(files.dir, 'download.bin');
    const seen: number[] = [];
    await client().download(
      {
        fileId: uploaded.id,
        targetPath: target,
        sizeBytes: source.sizeBytes,
        onProgress: (received) => seen.push(received),
      },
      { getAccessToken: auth.get },
    );
    expect(createHash('sha256').update(readFileSync(target)).digest('hex')).toBe(source.sha256);
    const ranged = emulator.requests.filter((r) => r.route === 'drive.files.get');
    expect(ranged).toHaveLength(2);
    expect(Math.max(...seen)).toBe(source.sizeBytes);
  });

  it('classifies a full Drive as final and a rate limit as a wait', async () => {
    const auth = tokens();
    const big = files.make(5 * 1024 * KiB);
    const full = await failure(
      client().upload(
        {
          filePath: big.path,
          sizeBytes: big.sizeBytes,
          name: 'b.gz',
          mimeType: 'application/gzip',
        },
        recordingContext(auth.get).context,
      ),
    );
    expect(full).toMatchObject({ kind: 'content', reason: 'storageQuotaExceeded' });
    emulator.state.rate.window = null;
    emulator.faults.arm('drive.about', googleFaults.userRateLimited);
    expect(await failure(client().about({ getAccessToken: auth.get }))).toMatchObject({
      kind: 'rate',
      reason: 'userRateLimitExceeded',
    });
    emulator.faults.arm('drive.files.list', googleFaults.rateLimited(30));
    expect(await failure(client().listFiles({}, { getAccessToken: auth.get }))).toMatchObject({
      kind: 'rate',
      retryAfterMs: 30_000,
    });
  });

  it('refreshes an expired token once and goes on', async () => {
    const auth = tokens();
    emulator.state.tokens.expireAll();
    await client().listFiles({}, { getAccessToken: auth.get });
    expect(auth.calls.forced).toBe(1);
  });
});
