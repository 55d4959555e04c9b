import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from '../../../../emulators/drive/drive-emulator';
import { googleFaults } from '../../../../emulators/google/google-error-bodies';
import { isPlatformError } from '../error-classification';
import {
  fastRuntime,
  recordingContext,
  tempVideos,
  tokenProvider,
} from '../testing/upload-test-kit';
import { DriveUploader, driveUploadStateSchema } from './drive-upload';

const KiB = 1024;
let emulator: DriveEmulator;
let files: ReturnType<typeof tempVideos>;

beforeEach(async () => {
  emulator = await startDriveEmulator({ storageLimit: 4 * 1024 * KiB });
  files = tempVideos();
});
afterEach(async () => {
  await emulator.close();
  files.cleanup();
});

const uploader = () =>
  new DriveUploader({
    endpoints: { drive: { apiBaseUrl: emulator.baseUrl, uploadBaseUrl: emulator.baseUrl } },
    runtime: fastRuntime,
    chunkBytes: 256 * KiB,
  });

describe('Drive resumable upload against the emulator', () => {
  it('uploads through faults and resumes an aborted session, then reports the quota', async () => {
    const backup = files.make(1200 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'me');
    emulator.faults.arm('drive.upload.chunk', googleFaults.serverError, 1, 1);
    const controller = new AbortController();
    const first = recordingContext(tokens.get, {
      signal: controller.signal,
      onSave: (_s, index) => {
        if (index === 2) controller.abort();
      },
    });
    const request = {
      filePath: backup.path,
      sizeBytes: backup.sizeBytes,
      name: 'reelpilot-backup.zip',
      mimeType: 'application/zip',
    };
    await expect(uploader().upload(request, first.context)).rejects.toThrow();
    const state = driveUploadStateSchema.parse(first.last());
    const file = await uploader().upload(
      { ...request, state },
      recordingContext(tokens.get).context,
    );
    expect(emulator.state.files.get(file.id)).toMatchObject({
      sha256: backup.sha256,
      name: 'reelpilot-backup.zip',
    });
    expect(emulator.state.files.size).toBe(1);
    expect(emulator.state.uploads.sessions.size).toBe(1);

    const quota = await uploader().storageQuota({ getAccessToken: tokens.get });
    expect(quota).toEqual({
      limitBytes: 4 * 1024 * KiB,
      usageBytes: 1200 * KiB,
      usageInDriveBytes: 1200 * KiB,
      trashBytes: 0,
    });
  });

  it('fails without retrying when the Drive is full', async () => {
    const big = files.make(5 * 1024 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'me');
    const error = await uploader()
      .upload(
        {
          filePath: big.path,
          sizeBytes: big.sizeBytes,
          name: 'b.zip',
          mimeType: 'application/zip',
        },
        recordingContext(tokens.get).context,
      )
      .catch((e: unknown) => e);
    expect(isPlatformError(error) && error.kind).toBe('content');
    expect(isPlatformError(error) && error.reason).toBe('storageQuotaExceeded');
  });
});
