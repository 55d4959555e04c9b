import { describe, expect, it } from 'vitest';
import { startDriveEmulator } from './drive/drive-emulator';
import { startFacebookEmulator } from './facebook/facebook-emulator';
import { startInstagramEmulator } from './instagram/instagram-emulator';
import { startTikTokEmulator } from './tiktok/tiktok-emulator';
import { startXEmulator } from './x/x-emulator';
import { startYouTubeEmulator } from './youtube/youtube-emulator';

const post = (baseUrl: string, body: unknown) =>
  fetch(`${baseUrl}/__emulator/switches`, { method: 'POST', body: JSON.stringify(body) });

describe('emulator switches over HTTP', () => {
  it('set slow processing, rejections, quota and token expiry from another process', async () => {
    const youtube = await startYouTubeEmulator();
    try {
      const issued = youtube.state.tokens.issue('c', []);
      const answer = await post(youtube.baseUrl, {
        processingPolls: 3,
        rejectNext: 'duplicate',
        quotaExhausted: true,
        expireTokens: true,
      });
      expect(answer.status).toBe(204);
      expect(youtube.state).toMatchObject({ processingPolls: 3, rejectNextUpload: 'duplicate' });
      expect(youtube.state.quota.used).toBe(youtube.state.quota.limit);
      expect(youtube.state.tokens.checkAccess(`Bearer ${issued.accessToken}`)).toEqual({
        error: 'expired',
      });
      const bad = await post(youtube.baseUrl, { processingPolls: -1, unknown: true });
      expect(bad.status).toBe(400);
    } finally {
      await youtube.close();
    }
  });

  it('exist on every emulator and refuse switches they do not know', async () => {
    const emulators = await Promise.all([
      startTikTokEmulator({ audited: true }),
      startInstagramEmulator(),
      startFacebookEmulator(),
      startXEmulator(),
      startDriveEmulator(),
    ]);
    try {
      const [tiktok, instagram, , x, drive] = emulators;
      expect((await post(tiktok!.baseUrl, { audited: false, processingPolls: 2 })).status).toBe(
        204,
      );
      expect(tiktok!.state).toMatchObject({ audited: false, processingPolls: 2 });
      expect((await post(instagram!.baseUrl, { publishLimit: 25 })).status).toBe(204);
      expect(instagram!.state.publishLimit).toBe(25);
      expect((await post(x!.baseUrl, { refuseNextTweetForDuration: true })).status).toBe(204);
      expect(x!.state.refuseNextTweetForDuration).toBe(true);
      expect((await post(drive!.baseUrl, { usedElsewhereBytes: 1000 })).status).toBe(204);
      expect(drive!.state.storage.usedElsewhere).toBe(1000);
      for (const emulator of emulators)
        expect((await post(emulator.baseUrl, { nonsense: 1 })).status).toBe(400);
    } finally {
      await Promise.all(emulators.map((e) => e.close()));
    }
  });
});
