import { ByteSink } from '../kit/byte-sink';
import type { EmulatorRoute } from '../kit/emulator-kit';
import {
  authorizeGraph,
  graphError,
  graphParams,
  graphPrefix,
  handleRupload,
} from '../meta/meta-graph-kit';
import {
  publishedInLastDay,
  type InstagramContainer,
  type InstagramUploadState,
  type InstagramMedia,
} from './instagram-emulator-state';

const route = (pattern: string) => new RegExp(`${graphPrefix}${pattern}$`);

function containerStatus(container: InstagramContainer) {
  if (container.mediaId)
    return { status_code: 'PUBLISHED', status: 'Published: the media is live.' };
  if (!container.uploaded)
    return { status_code: 'IN_PROGRESS', status: 'In Progress: waiting for the upload.' };
  if (container.error) return { status_code: 'ERROR', status: `Error: ${container.error}` };
  if (container.pollsLeft > 0) {
    container.pollsLeft -= 1;
    return { status_code: 'IN_PROGRESS', status: 'In Progress: processing the video.' };
  }
  return { status_code: 'FINISHED', status: 'Finished: ready to publish.' };
}

/** The Instagram Graph API's Reels publishing routes and rupload's /ig-api-upload. */
export function instagramUploadRoutes(state: InstagramUploadState): EmulatorRoute[] {
  const newId = () => `1789${String(state.nextId++).padStart(13, '0')}`;
  return [
    {
      name: 'instagram.limit',
      method: 'GET',
      path: route(String.raw`\/(\d+)\/content_publishing_limit`),
      handle: (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const userId = context.params[0] ?? '';
        context.send(200, {
          data: [
            {
              quota_usage: publishedInLastDay(state, userId),
              config: { quota_total: state.publishLimit, quota_duration: 86_400 },
            },
          ],
        });
      },
    },
    {
      name: 'instagram.container',
      method: 'POST',
      path: route(String.raw`\/(\d+)\/media`),
      handle: async (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const params = await graphParams(context);
        const mediaType = params.get('media_type');
        if (mediaType === 'VIDEO')
          return context.send(
            400,
            graphError(100, 'The VIDEO media type is no longer supported. Use REELS.', {
              subcode: 2207067,
            }),
          );
        if (mediaType !== 'REELS' || params.get('upload_type') !== 'resumable')
          return context.send(
            400,
            graphError(100, 'This emulator takes media_type=REELS with upload_type=resumable.'),
          );
        const caption = params.get('caption') ?? '';
        if ([...caption].length > 2200)
          return context.send(
            400,
            graphError(100, 'The caption is longer than 2,200 characters.', { subcode: 2207010 }),
          );
        const container: InstagramContainer = {
          id: newId(),
          userId: context.params[0] ?? '',
          caption,
          sink: null,
          uploaded: false,
          pollsLeft: state.processingPolls,
          error: null,
          mediaId: null,
        };
        state.containers.set(container.id, container);
        const host = context.request.headers.host ?? '127.0.0.1';
        context.send(200, {
          id: container.id,
          uri: `http://${host}/ig-api-upload/v21.0/${container.id}`,
        });
      },
    },
    {
      name: 'instagram.upload',
      method: 'POST',
      path: /^\/ig-api-upload\/(?:v\d+\.\d+\/)?(\d+)$/,
      handle: async (context) => {
        const container = state.containers.get(context.params[0] ?? '');
        const outcome = await handleRupload(context, state.tokens, (size) => {
          if (!container) return null;
          container.sink ??= new ByteSink(size);
          return container.sink;
        });
        if (outcome === 'complete' && container && !container.uploaded) {
          container.uploaded = true;
          container.error = state.rejectNextWith;
          state.rejectNextWith = null;
        }
      },
    },
    {
      name: 'instagram.publish',
      method: 'POST',
      path: route(String.raw`\/(\d+)\/media_publish`),
      handle: async (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const userId = context.params[0] ?? '';
        const params = await graphParams(context);
        const container = state.containers.get(params.get('creation_id') ?? '');
        if (!container || container.userId !== userId)
          return context.send(
            400,
            graphError(100, 'The creation_id does not exist.', { subcode: 2207008 }),
          );
        if (container.mediaId)
          return context.send(
            400,
            graphError(9007, 'The media has already been published.', { subcode: 2207008 }),
          );
        if (!container.uploaded || container.error || container.pollsLeft > 0)
          return context.send(
            400,
            graphError(9007, 'Media ID is not available: the media is not ready for publishing.', {
              subcode: 2207027,
            }),
          );
        if (publishedInLastDay(state, userId) >= state.publishLimit)
          return context.send(
            400,
            graphError(9, 'Application request limit reached: too many posts in 24 hours.', {
              subcode: 2207042,
            }),
          );
        const media: InstagramMedia = {
          id: newId(),
          containerId: container.id,
          userId,
          caption: container.caption,
          sizeBytes: container.sink?.totalBytes ?? 0,
          sha256: container.sink?.digest() ?? '',
          publishedAt: state.now(),
          insights: {},
        };
        container.mediaId = media.id;
        state.media.set(media.id, media);
        context.send(200, { id: media.id });
      },
    },
    {
      // The account's media, newest first (`GET /{ig-user-id}/media`).
      name: 'instagram.recentMedia',
      method: 'GET',
      path: route(String.raw`\/(\d+)\/media`),
      handle: (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const userId = context.params[0] ?? '';
        const limit = Math.min(100, Number(context.url.searchParams.get('limit') ?? '25') || 25);
        const media = [...state.media.values()]
          .filter((m) => m.userId === userId)
          .sort((a, b) => b.publishedAt - a.publishedAt)
          .slice(0, limit);
        context.send(200, {
          data: media.map((m) => ({
            id: m.id,
            caption: m.caption,
            media_type: 'VIDEO',
            media_product_type: 'REELS',
            timestamp: new Date(m.publishedAt).toISOString().replace(/\.\d{3}Z$/, '+0000'),
            permalink: `https://www.instagram.com/reel/${m.id}/`,
          })),
          paging: { cursors: { before: 'start', after: 'end' } },
        });
      },
    },
    {
      name: 'instagram.insights',
      method: 'GET',
      path: route(String.raw`\/(\d+)\/insights`),
      handle: (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const media = state.media.get(context.params[0] ?? '');
        if (!media)
          return context.send(
            400,
            graphError(100, 'Unsupported get request: the media does not exist.', { subcode: 33 }),
          );
        const metrics = (context.url.searchParams.get('metric') ?? '').split(',');
        const data = metrics
          .filter((name) => media.insights[name] !== undefined)
          .map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: media.insights[name] }],
            title: name,
            id: `${media.id}/insights/${name}/lifetime`,
          }));
        context.send(200, { data });
      },
    },
    {
      name: 'instagram.status',
      method: 'GET',
      path: route(String.raw`\/(\d+)`),
      handle: (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const id = context.params[0] ?? '';
        const container = state.containers.get(id);
        if (container) return context.send(200, { id, ...containerStatus(container) });
        const media = state.media.get(id);
        if (media)
          return context.send(200, {
            id,
            caption: media.caption,
            media_type: 'VIDEO',
            media_product_type: 'REELS',
            permalink: `https://www.instagram.com/reel/${id}/`,
          });
        context.send(
          400,
          graphError(100, `Unsupported get request. Object with ID '${id}' does not exist.`, {
            subcode: 33,
          }),
        );
      },
    },
  ];
}
