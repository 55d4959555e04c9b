import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import {
  googleAuthHeaders,
  googleError,
  googleUnauthenticated,
  youtubeQuotaExceeded,
} from '../google/google-error-bodies';
import { handleResumablePut } from '../google/resumable-upload-server';
import type { YouTubeUploadState, YouTubeVideo } from './youtube-emulator-state';

const metadataSchema = z.object({
  snippet: z.object({
    title: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    categoryId: z.string().optional(),
  }),
  status: z
    .object({
      privacyStatus: z.enum(['public', 'unlisted', 'private']).optional(),
      selfDeclaredMadeForKids: z.boolean().optional(),
    })
    .optional(),
});

function requireToken(context: RouteContext, state: YouTubeUploadState): string | null {
  const checked = state.tokens.checkAccess(context.request.headers.authorization);
  if ('token' in checked) return checked.token.accountId;
  context.send(401, googleUnauthenticated, googleAuthHeaders);
  return null;
}

function videoResource(video: YouTubeVideo, parts: string[]) {
  const processed = video.pollsUntilProcessed <= 0;
  return {
    kind: 'youtube#video',
    id: video.id,
    ...(parts.includes('snippet') ? { snippet: video.snippet } : {}),
    ...(parts.includes('status')
      ? {
          status: {
            uploadStatus: video.rejectionReason
              ? 'rejected'
              : video.processingFailure === 'failed'
                ? 'failed'
                : processed && !video.processingFailure
                  ? 'processed'
                  : 'uploaded',
            ...(video.rejectionReason ? { rejectionReason: video.rejectionReason } : {}),
            ...(video.processingFailure === 'failed' ? { failureReason: 'conversion' } : {}),
            privacyStatus: video.status.privacyStatus,
            selfDeclaredMadeForKids: video.status.selfDeclaredMadeForKids,
          },
        }
      : {}),
    ...(parts.includes('processingDetails')
      ? {
          processingDetails: {
            processingStatus:
              video.processingFailure ??
              (video.rejectionReason ? 'failed' : processed ? 'succeeded' : 'processing'),
            ...(video.processingFailure ? { processingFailureReason: 'transcodeFailed' } : {}),
          },
        }
      : {}),
    ...(parts.includes('statistics') ? { statistics: video.statistics } : {}),
  };
}

/** videos.insert (resumable) and videos.list, as the YouTube Data API v3 answers them. */
export function youtubeUploadRoutes(state: YouTubeUploadState): EmulatorRoute[] {
  return [
    {
      name: 'youtube.upload.start',
      method: 'POST',
      path: /^\/upload\/youtube\/v3\/videos$/,
      handle: async (context) => {
        const accountId = requireToken(context, state);
        if (!accountId) return;
        const query = context.url.searchParams;
        if (query.get('uploadType') !== 'resumable')
          return context.send(
            400,
            googleError(400, 'badRequest', 'This emulator only speaks uploadType=resumable.'),
          );
        const total = Number(context.request.headers['x-upload-content-length']);
        const contentType = String(context.request.headers['x-upload-content-type'] ?? '');
        if (!Number.isInteger(total) || total < 0 || !contentType.startsWith('video/'))
          return context.send(
            400,
            googleError(
              400,
              'badRequest',
              'X-Upload-Content-Length and a video X-Upload-Content-Type are required.',
            ),
          );
        const metadata = metadataSchema.safeParse(await context.json().catch(() => null));
        if (!metadata.success)
          return context.send(
            400,
            googleError(
              400,
              'invalidVideoMetadata',
              'The request metadata is invalid.',
              'youtube.video',
            ),
          );
        const title = metadata.data.snippet.title;
        if (title.trim() === '' || [...title].length > 100 || /[<>]/.test(title))
          return context.send(
            400,
            googleError(
              400,
              'invalidTitle',
              'The request metadata specifies an invalid video title.',
              'youtube.video',
            ),
          );
        if (state.quota.used + state.quota.insertCost > state.quota.limit)
          return context.send(403, youtubeQuotaExceeded);
        state.quota.used += state.quota.insertCost;
        const session = state.uploads.create({
          accountId,
          totalBytes: total,
          contentType,
          metadata: metadata.data,
        });
        const host = context.request.headers.host ?? '127.0.0.1';
        context.send(200, undefined, {
          location: `http://${host}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${session.id}`,
          'x-guploader-uploadid': session.id,
        });
      },
    },
    {
      name: 'youtube.upload.chunk',
      method: 'PUT',
      path: /^\/upload\/youtube\/v3\/videos$/,
      handle: (context) =>
        handleResumablePut(context, state.uploads, state.tokens, (session) => {
          const metadata = metadataSchema.parse(session.metadata);
          const video: YouTubeVideo = {
            id: randomBytes(8).toString('base64url').slice(0, 11),
            accountId: session.accountId,
            snippet: {
              title: metadata.snippet.title,
              description: metadata.snippet.description ?? '',
              tags: metadata.snippet.tags ?? [],
              categoryId: metadata.snippet.categoryId ?? '22',
            },
            status: {
              privacyStatus: state.verifiedProject
                ? (metadata.status?.privacyStatus ?? 'public')
                : 'private',
              selfDeclaredMadeForKids: metadata.status?.selfDeclaredMadeForKids ?? false,
            },
            sizeBytes: session.totalBytes,
            sha256: session.sink.digest() ?? '',
            publishedAt: state.now(),
            pollsUntilProcessed: state.processingPolls,
            rejectionReason: state.rejectNextUpload,
            processingFailure: null,
            statistics: { viewCount: '0', likeCount: '0', commentCount: '0' },
          };
          state.rejectNextUpload = null;
          state.videos.set(video.id, video);
          return { status: 200, body: videoResource(video, ['snippet', 'status']) };
        }),
    },
    {
      // The channel's own videos, newest first: `search.list?forMine=true&type=video`.
      name: 'youtube.search',
      method: 'GET',
      path: /^\/youtube\/v3\/search$/,
      handle: (context) => {
        const accountId = requireToken(context, state);
        if (!accountId) return;
        const query = context.url.searchParams;
        if (query.get('forMine') !== 'true' || query.get('type') !== 'video')
          return context.send(
            400,
            googleError(400, 'invalidSearchFilter', 'This emulator searches forMine=true videos.'),
          );
        state.quota.used += 100;
        const after = query.get('publishedAfter')
          ? Date.parse(query.get('publishedAfter') ?? '')
          : 0;
        const max = Math.min(50, Number(query.get('maxResults') ?? '5') || 5);
        const items = [...state.videos.values()]
          .filter((v) => v.accountId === accountId && v.publishedAt >= after)
          .sort((a, b) => b.publishedAt - a.publishedAt)
          .slice(0, max)
          .map((v) => ({
            kind: 'youtube#searchResult',
            id: { kind: 'youtube#video', videoId: v.id },
            snippet: {
              publishedAt: new Date(v.publishedAt).toISOString(),
              channelId: accountId,
              title: v.snippet.title,
              description: v.snippet.description,
            },
          }));
        context.send(200, {
          kind: 'youtube#searchListResponse',
          items,
          pageInfo: { totalResults: items.length, resultsPerPage: max },
        });
      },
    },
    {
      name: 'youtube.videos.list',
      method: 'GET',
      path: /^\/youtube\/v3\/videos$/,
      handle: (context) => {
        if (!requireToken(context, state)) return;
        const parts = (context.url.searchParams.get('part') ?? '').split(',');
        const ids = (context.url.searchParams.get('id') ?? '').split(',');
        state.quota.used += 1;
        const items = ids
          .map((id) => state.videos.get(id))
          .filter((video): video is YouTubeVideo => video !== undefined)
          .map((video) => {
            const resource = videoResource(video, parts);
            if (parts.includes('processingDetails') || parts.includes('status'))
              video.pollsUntilProcessed -= 1;
            return resource;
          });
        context.send(200, {
          kind: 'youtube#videoListResponse',
          items,
          pageInfo: { totalResults: items.length, resultsPerPage: items.length },
        });
      },
    },
  ];
}
