import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StorageStatus } from '../../../shared/domain/storage';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import { googleFaults } from '../../../emulators/google/google-error-bodies';
import { FOLDER_MIME } from '../../../emulators/drive/drive-emulator-state';
import { DRIVE_FILE_SCOPE } from './drive-connection';
import { createDriveWorld, KiB, type DriveWorld } from './testing/drive-world';

let world: DriveWorld;
afterEach(async () => {
  await world?.dispose();
});

const folders = (w: DriveWorld, key?: string) =>
  [...w.drive.state.files.values()].filter(
    (f) =>
      f.mimeType === FOLDER_MIME &&
      !f.trashed &&
      (key === undefined || f.appProperties.reelpilotFolder === key),
  );
const contentFiles = (w: DriveWorld) =>
  [...w.drive.state.files.values()].filter((f) => f.mimeType !== FOLDER_MIME);

async function upload(w: DriveWorld, sourceId: string, sizeBytes = 600 * KiB) {
  const file = w.makeFile(sizeBytes);
  const queued = await w.t.engine.services.storage.enqueueUpload({
    kind: 'render',
    sourceId,
    filePath: file.path,
    name: `${sourceId}.mp4`,
    mimeType: 'video/mp4',
    folderKey: 'renders/2026-01',
  });
  return { ...file, id: queued.id };
}

describe('the Drive connection', () => {
  it('signs in with PKCE for drive.file only, says as whom, and disconnects with a revocation', async () => {
    world = await createDriveWorld();
    const start = await invokeOk<{ authorizeUrl: string }>(world.t, 'storage:connect', {});
    const url = new URL(start.authorizeUrl);
    expect(url.searchParams.get('scope')).toBe(DRIVE_FILE_SCOPE);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('access_type')).toBe('offline');
    await invokeOk(world.t, 'storage:cancelConnect', {
      flowId: (start as { flowId?: string }).flowId ?? '',
    });

    const status = await world.connect();
    expect(status.connection).toMatchObject({
      state: 'connected',
      email: 'sandbox.drive@example.com',
      displayName: 'ReelPilot Sandbox',
    });
    // Tokens live in the secret store only, never in the database.
    const rows = JSON.stringify(
      world.t.engine.database.raw.prepare('SELECT * FROM storage_state').all(),
    );
    expect(rows).not.toMatch(/at_|rt_/);
    // The posting accounts are untouched: Drive is its own connection.
    expect(await invokeOk<unknown[]>(world.t, 'accounts:list', {})).toEqual([]);

    const after = await invokeOk<StorageStatus>(world.t, 'storage:disconnect', {});
    expect(after.connection.state).toBe('disconnected');
    expect(world.drive.requests.some((r) => r.route === 'drive.oauth.revoke')).toBe(true);
  });

  it('refreshes an expired token, and asks to reconnect only when Google refuses the grant', async () => {
    world = await createDriveWorld();
    await world.connect();
    world.drive.state.tokens.expireAll();
    await invokeOk(world.t, 'storage:refreshUsage', {});
    expect((await world.status()).connection.state).toBe('connected');

    // A rate-limited token endpoint is a blip, not a reason to reconnect.
    world.clock.advance(2 * 3_600_000);
    world.drive.faults.arm('drive.oauth.token', googleFaults.rateLimited(5));
    await invokeOk(world.t, 'storage:refreshUsage', {});
    expect((await world.status()).connection.state).toBe('connected');

    world.drive.state.tokens.revokeAll();
    world.clock.advance(2 * 3_600_000);
    await invokeOk(world.t, 'storage:refreshUsage', {});
    const status = await world.status();
    expect(status.connection.state).toBe('needs_reconnect');
    expect(world.t.notifications.map((n) => n.title)).toContain('Google Drive needs reconnecting');
    await world.connect();
    expect((await world.status()).connection.state).toBe('connected');
  });
});

describe('Drive uploads', () => {
  it('makes the folders once, uploads once with its identity, and shows usage', async () => {
    world = await createDriveWorld();
    await world.connect();
    const first = await upload(world, 'video-1');
    const second = await upload(world, 'video-2');
    await world.waitForUpload(first.id, 'done');
    await world.waitForUpload(second.id, 'done');
    expect(folders(world, 'root')).toHaveLength(1);
    expect(folders(world, 'renders')).toHaveLength(1);
    expect(folders(world, 'renders/2026-01')).toHaveLength(1);
    const files = contentFiles(world);
    expect(files.map((f) => f.sha256).sort()).toEqual([first.sha256, second.sha256].sort());
    expect(files.every((f) => f.parents[0] === folders(world, 'renders/2026-01')[0]?.id)).toBe(
      true,
    );
    expect(files.map((f) => f.appProperties.reelpilotId).sort()).toEqual(
      [first.id, second.id].sort(),
    );

    // The same source again is the same upload, never a second file.
    const again = await world.t.engine.services.storage.enqueueUpload({
      kind: 'render',
      sourceId: 'video-1',
      filePath: first.path,
      name: 'video-1.mp4',
      mimeType: 'video/mp4',
      folderKey: 'renders/2026-01',
    });
    expect(again.id).toBe(first.id);
    const status = await invokeOk<StorageStatus>(world.t, 'storage:refreshUsage', {});
    expect(status.quota).toMatchObject({ reelpilotBytes: 1200 * KiB, usageBytes: 1200 * KiB });
    expect(status.folders.map((f) => f.path)).toEqual(['ReelPilot', 'ReelPilot/Renders']);
    expect(status.api.today).toBeGreaterThan(5);
  });

  it('reads Drive’s figures every half hour, and counts API calls a minute and a Pacific day', async () => {
    world = await createDriveWorld();
    await world.connect();
    // Drive API calls, not the sign-in's.
    const driveCalls = () =>
      world.drive.requests.filter(
        (r) => r.route.startsWith('drive.') && !r.route.startsWith('drive.oauth.'),
      ).length;
    const abouts = () => world.drive.requests.filter((r) => r.route === 'drive.about').length;
    await world.tick(10_000);
    const first = await world.status();
    expect(first.quota?.checkedAt).toBeDefined();
    expect(first.api).toMatchObject({ today: driveCalls(), perMinuteLimit: 12_000 });
    expect(first.api.lastMinute).toBeGreaterThan(0);
    const aboutsBefore = abouts();

    await world.tick(29 * 60_000);
    expect(abouts()).toBe(aboutsBefore);
    await world.tick(2 * 60_000);
    const later = await world.status();
    expect(abouts()).toBe(aboutsBefore + 1);
    expect(later.quota!.checkedAt).toBeGreaterThan(first.quota!.checkedAt);
    expect(later.api.today).toBe(driveCalls());
    await world.tick(2 * 60_000);
    expect((await world.status()).api.lastMinute).toBe(0);

    // The day's count is kept across a restart (written on stop).
    const beforeRestart = driveCalls();
    await world.restart();
    expect((await world.status()).api.today).toBe(beforeRestart);

    // 04:35 in California on the 15th. 13 hours on it is the 16th in UTC, still the 15th there;
    // 8 more and it is the 16th there too: a new quota day.
    world.clock.jump(13 * 3_600_000);
    expect((await world.status()).api.today).toBe(beforeRestart);
    world.clock.jump(8 * 3_600_000);
    expect((await world.status()).api.today).toBe(0);
    const dayStart = driveCalls();
    await invokeOk(world.t, 'storage:refreshUsage', {});
    expect((await world.status()).api.today).toBe(driveCalls() - dayStart);
    expect(driveCalls() - dayStart).toBeGreaterThan(0);
  });

  it('re-finds folders whose remembered ids went stale, and never makes one twice', async () => {
    world = await createDriveWorld();
    await world.connect();
    await world.waitForUpload((await upload(world, 'a')).id, 'done');
    // The database forgot the ids (a restore of an older backup): found again by app property.
    world.t.engine.database.raw.prepare('DELETE FROM drive_folders').run();
    await world.waitForUpload((await upload(world, 'b')).id, 'done');
    expect(folders(world)).toHaveLength(3);
    // The ids point at something else now (another account, a mistake): checked, then re-found.
    world.t.engine.database.raw.prepare("UPDATE drive_folders SET folder_id = 'gone'").run();
    await world.waitForUpload((await upload(world, 'c')).id, 'done');
    expect(folders(world)).toHaveLength(3);
    // The person deleted the month's folder in Drive: it is made again, once.
    const month = folders(world, 'renders/2026-01')[0]!;
    await fetch(`${world.drive.baseUrl}/__emulator/switches`, {
      method: 'POST',
      body: JSON.stringify({ deleteFile: month.id }),
    });
    await world.waitForUpload((await upload(world, 'd')).id, 'done');
    expect(folders(world, 'renders/2026-01')).toHaveLength(1);
    expect(folders(world)).toHaveLength(3);
  });

  it('puts off an upload that does not fit, says so, and sends it once there is room', async () => {
    world = await createDriveWorld({ storageLimit: 1024 * KiB });
    await world.connect();
    await fetch(`${world.drive.baseUrl}/__emulator/switches`, {
      method: 'POST',
      body: JSON.stringify({ usedElsewhereBytes: 512 * KiB }),
    });
    await invokeOk(world.t, 'storage:refreshUsage', {});
    // Refused before any byte is sent: the quota read says it would not fit.
    const big = await upload(world, 'big', 900 * KiB);
    const waiting = await world.waitForUpload(big.id, 'waiting');
    expect(waiting.message).toMatch(/has 512 KB free and this file needs 900 KB/);
    expect(world.t.notifications.map((n) => n.title)).toContain('Google Drive has no room');
    expect((await world.status()).quota?.lowSpace).toBe(true);
    expect(contentFiles(world)).toHaveLength(0);
    expect(world.drive.requests.filter((r) => r.route === 'drive.upload.start')).toHaveLength(0);

    await fetch(`${world.drive.baseUrl}/__emulator/switches`, {
      method: 'POST',
      body: JSON.stringify({ usedElsewhereBytes: 0 }),
    });
    await invokeOk(world.t, 'storage:refreshUsage', {});
    await world.waitForUpload(big.id, 'done');
    expect(contentFiles(world)).toHaveLength(1);
  });

  it('says once that Drive is almost full, and again only after space came back and ran low', async () => {
    const GiB = 1024 * 1024 * KiB;
    world = await createDriveWorld({ storageLimit: 20 * GiB });
    await world.connect();
    const notices = () =>
      world.t.notifications.filter((n) => n.title === 'Google Drive is almost full');
    const refreshWith = async (usedElsewhere: number) => {
      world.drive.state.storage.usedElsewhere = usedElsewhere;
      return (await invokeOk<StorageStatus>(world.t, 'storage:refreshUsage', {})).quota;
    };
    expect((await refreshWith(10 * GiB))?.lowSpace).toBe(false);
    expect(notices()).toHaveLength(0);
    expect((await refreshWith(19.5 * GiB))?.lowSpace).toBe(true);
    await refreshWith(19.6 * GiB);
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatchObject({
      level: 'warning',
      body: /^512 MB is free on Google Drive/,
    });
    // Space freed, then filled again: a new episode, a new alert.
    expect((await refreshWith(1 * GiB))?.lowSpace).toBe(false);
    expect(notices()).toHaveLength(1);
    await refreshWith(19.9 * GiB);
    expect(notices()).toHaveLength(2);
  });

  it('meets a full Drive at the session start with a wait, not a failure', async () => {
    world = await createDriveWorld({ storageLimit: 1024 * KiB });
    await world.connect();
    await invokeOk(world.t, 'storage:refreshUsage', {});
    // Drive fills up after the quota was read: the 403 storageQuotaExceeded is the answer.
    world.drive.state.storage.usedElsewhere = 800 * KiB;
    const file = await upload(world, 'late', 600 * KiB);
    const waiting = await world.waitForUpload(file.id, 'waiting');
    expect(waiting.message).toMatch(/Google Drive is full/);
    expect(world.drive.requests.filter((r) => r.route === 'drive.upload.start')).toHaveLength(1);
  });

  it('waits out a rate limit (403 userRateLimitExceeded, then 429) and goes on', async () => {
    world = await createDriveWorld();
    await world.connect();
    await invokeOk(world.t, 'storage:refreshUsage', {});
    world.drive.faults.arm('drive.upload.start', googleFaults.userRateLimited);
    world.drive.faults.arm('drive.upload.start', googleFaults.rateLimited(20));
    const file = await upload(world, 'limited');
    const waiting = await world.waitForUpload(file.id, 'waiting');
    expect(waiting.message).toMatch(/limiting requests/);
    await vi.waitFor(
      async () => {
        await world.tick(30_000);
        expect((await world.status()).uploads.recent[0]?.state).toBe('done');
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(contentFiles(world)).toHaveLength(1);
    // Waiting out a rate limit spends no attempt.
    const [job] = await invokeOk<Array<{ attempts: number }>>(world.t, 'jobs:list', {
      kind: 'drive-upload',
    });
    expect(job?.attempts).toBe(1);
  });

  it('resumes after a dropped connection in the middle of a chunk: one file, the same bytes', async () => {
    world = await createDriveWorld();
    await world.connect();
    world.drive.faults.arm('drive.upload.chunk', { type: 'drop', afterBytes: 100 * KiB }, 1, 1);
    const file = await upload(world, 'dropped', 1200 * KiB);
    await world.waitForUpload(file.id, 'done');
    const [stored] = contentFiles(world);
    expect(contentFiles(world)).toHaveLength(1);
    expect(stored?.sha256).toBe(file.sha256);
    expect(world.drive.state.uploads.sessions.size).toBe(1);
  });

  it('copies the videos of a config that asks for it to Renders/YYYY-MM, each once', async () => {
    world = await createDriveWorld();
    await world.connect();
    await invokeOk(world.t, 'settings:update', { timeZone: 'Europe/Paris' });
    const receiver = world.t.engine.services.storage.renderReceiver();
    const file = world.makeFile(300 * KiB, 'render.mp4');
    const config = (await invokeOk<Record<string, unknown>>(
      world.t,
      'configs:defaults',
      {},
    )) as never;
    const video = (upload: boolean, id: string) => ({
      runVideoId: id,
      configId: 'config-1',
      config: { ...(config as object), storage: { uploadRendersToDrive: upload } } as never,
      outputPath: file.path,
      position: 1,
      count: 3,
      accountIds: [],
      // 23:30 UTC on 31 January is already February in Paris.
      at: Date.UTC(2026, 0, 31, 23, 30),
      title: 'Beach: days/nights',
    });
    await receiver.receive(video(false, 'off'));
    expect(await receiver.received('off')).toBe(false);
    await receiver.receive(video(true, 'on'));
    await receiver.receive(video(true, 'on'));
    expect(await receiver.received('on')).toBe(true);
    const [queued] = (await world.status()).uploads.recent;
    expect(queued?.name).toBe('Beach days nights 2026-02-01 00.30 (2 of 3).mp4');
    await world.waitForUpload(queued!.id, 'done');
    expect(contentFiles(world)).toHaveLength(1);
    expect(contentFiles(world)[0]?.parents).toEqual([folders(world, 'renders/2026-02')[0]?.id]);
  });

  it('waits for a connection and sends once Drive is connected', async () => {
    world = await createDriveWorld();
    const file = await upload(world, 'early');
    expect((await world.status()).uploads.recent[0]).toMatchObject({
      id: file.id,
      state: 'waiting',
      message: 'Waiting for Google Drive to be connected.',
    });
    await world.connect();
    await world.waitForUpload(file.id, 'done');
    expect(contentFiles(world)).toHaveLength(1);
  });
});
