import { describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from '../../../../emulators/drive/drive-emulator';
import { googleFaults } from '../../../../emulators/google/google-error-bodies';
import { isPlatformError } from '../error-classification';
import { emulatorPerTest, endpointsAt } from '../testing/adapter-test-bed';
import {
  abortedAfterSave,
  fastRuntime,
  recordingContext,
  tokenProvider,
  type TempVideos,
} from '../testing/upload-test-kit';
import { DriveUploader, driveUploadStateSchema } from './drive-upload';

const KiB = 1024;
let emulator: DriveEmulator;
let files: TempVideos;
emulatorPerTest(
  () => startDriveEmulator({ storageLimit: 4 * 1024 * KiB }),
  (fresh) => ({ emulator, files } = fresh),
);

const uploader = () =>
  new DriveUploader({
    endpoints: endpointsAt('drive', emulator),
    runtime: fastRuntime,
    chunkBytes: 256 * KiB,
  });

describe('Drive resumable upload against the emulator', () => {
  it('uploads through faults and resumes an aborted session, then reports the quota', async () => {
    const backup = files.make(1200 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'me');
    emulator.faults.arm('drive.upload.chunk', googleFaults.serverError, 1, 1);
    const first = abortedAfterSave(tokens.get, 2);
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
