import { ByteSink } from '../emulators/kit/byte-sink';
import { startEmulator, type EmulatorRoute } from '../emulators/kit/emulator-kit';
import {
  createYouTubeUploadState,
  describeYouTubeState,
} from '../emulators/youtube/youtube-emulator-state';
import { youtubeUploadRoutes } from '../emulators/youtube/youtube-upload-routes';

/**
 * The benchmark's server side, in its own process so its memory is not the client's: the
 * YouTube emulator plus `PUT /raw`, which hashes a plain body the same way (the baseline).
 */
const state = createYouTubeUploadState();
const raw: { sha256: string | null; bytes: number } = { sha256: null, bytes: 0 };
const rawRoute: EmulatorRoute = {
  name: 'bench.raw',
  method: 'PUT',
  path: /^\/raw$/,
  handle: async (context) => {
    const length = Number(context.request.headers['content-length'] ?? '0');
    const sink = new ByteSink(length);
    const outcome = await sink.receive(context.request, length);
    raw.sha256 = sink.digest();
    raw.bytes = sink.committed;
    context.send(outcome === 'complete' ? 200 : 400, raw);
  },
};

const emulator = await startEmulator({
  name: 'youtube-bench',
  routes: [...youtubeUploadRoutes(state), rawRoute],
  state: () => ({ ...describeYouTubeState(state), raw, rssBytes: process.memoryUsage().rss }),
});
const token = state.tokens.issue('bench-channel', [
  'https://www.googleapis.com/auth/youtube.upload',
]);
process.stdout.write(
  `${JSON.stringify({ baseUrl: emulator.baseUrl, accessToken: token.accessToken })}\n`,
);
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
