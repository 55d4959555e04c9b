import { ByteSink } from '../kit/byte-sink';
import type { EmulatorRoute } from '../kit/emulator-kit';
import {
  authorizeGraph,
  graphError,
  graphParams,
  graphPrefix,
  handleRupload,
} from '../meta/meta-graph-kit';
import type { FacebookUploadState, FacebookReel } from './facebook-emulator-state';

const route = (pattern: string) => new RegExp(`${graphPrefix}${pattern}$`);

function reelStatus(reel: FacebookReel) {
  const uploading = {
    status: reel.phase === 'started' ? 'in_progress' : 'complete',
    bytes_transferred: reel.sink?.committed ?? 0,
  };
  if (reel.phase !== 'finished')
    return {
      video_status: reel.phase === 'started' ? 'upload_pending' : 'upload_complete',
      uploading_phase: uploading,
      processing_phase: { status: 'not_started' },
      publishing_phase: { status: 'not_started' },
    };
  if (reel.error)
    return {
      video_status: 'error',
      uploading_phase: uploading,
      processing_phase: { status: 'error', errors: [{ code: 1363008, message: reel.error }] },
      publishing_phase: { status: 'not_started' },
    };
  if (reel.pollsLeft > 0) {
    reel.pollsLeft -= 1;
    return {
      video_status: 'processing',
      uploading_phase: uploading,
      processing_phase: { status: 'in_progress' },
      publishing_phase: { status: 'not_started' },
    };
  }
  return {
    video_status: 'ready',
    uploading_phase: uploading,
    processing_phase: { status: 'complete' },
    publishing_phase: {
      status: 'complete',
      publish_status: reel.videoState === 'PUBLISHED' ? 'published' : 'draft',
    },
  };
}

/** Facebook Pages Reels publishing (start, rupload, finish, status, insights). */
export function facebookUploadRoutes(state: FacebookUploadState): EmulatorRoute[] {
  return [
    {
      name: 'facebook.reels',
      method: 'POST',
      path: route(String.raw`\/(\d+)\/video_reels`),
      handle: async (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const pageId = context.params[0] ?? '';
        const params = await graphParams(context);
        const phase = params.get('upload_phase');
        if (phase === 'start') {
          if (state.reelsPerDay.take(pageId) !== null)
            return context.send(
              400,
              graphError(
                4,
                '(#4) Reels publishing limit reached: 30 Reels per 24 hours on this Page.',
              ),
            );
          const reel: FacebookReel = {
            id: `1220${String(state.nextId++).padStart(11, '0')}`,
            pageId,
            sink: null,
            phase: 'started',
            description: '',
            videoState: 'DRAFT',
            pollsLeft: state.processingPolls,
            error: null,
            insights: {},
          };
          state.reels.set(reel.id, reel);
          const host = context.request.headers.host ?? '127.0.0.1';
          return context.send(200, {
            video_id: reel.id,
            upload_url: `http://${host}/video-upload/v21.0/${reel.id}`,
          });
        }
        if (phase === 'finish') {
          const reel = state.reels.get(params.get('video_id') ?? '');
          if (!reel || reel.pageId !== pageId)
            return context.send(
              400,
              graphError(100, 'Invalid parameter: the video_id does not belong to this Page.'),
            );
          if (reel.phase === 'started')
            return context.send(
              400,
              graphError(
                6000,
                'There was a problem uploading your video file: the upload is incomplete.',
              ),
            );
          const videoState = params.get('video_state') ?? 'PUBLISHED';
          if (!['PUBLISHED', 'DRAFT', 'SCHEDULED'].includes(videoState))
            return context.send(400, graphError(100, 'Invalid parameter video_state.'));
          if (reel.phase === 'uploaded') {
            reel.phase = 'finished';
            reel.videoState = videoState;
            reel.description = params.get('description') ?? '';
            reel.error = state.rejectNextWith;
            state.rejectNextWith = null;
          }
          return context.send(200, { success: true });
        }
        context.send(400, graphError(100, 'upload_phase must be start or finish.'));
      },
    },
    {
      name: 'facebook.upload',
      method: 'POST',
      path: /^\/video-upload\/v\d+\.\d+\/(\d+)$/,
      handle: async (context) => {
        const reel = state.reels.get(context.params[0] ?? '');
        const outcome = await handleRupload(context, state.tokens, (size) => {
          if (!reel) return null;
          reel.sink ??= new ByteSink(size);
          return reel.sink;
        });
        if (outcome === 'complete' && reel?.phase === 'started') reel.phase = 'uploaded';
      },
    },
    {
      name: 'facebook.insights',
      method: 'GET',
      path: route(String.raw`\/(\d+)\/video_insights`),
      handle: (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const reel = state.reels.get(context.params[0] ?? '');
        if (!reel)
          return context.send(400, graphError(100, 'The video does not exist.', { subcode: 33 }));
        context.send(200, {
          data: Object.entries(reel.insights).map(([name, value]) => ({
            name,
            period: 'lifetime',
            values: [{ value }],
            id: `${reel.id}/video_insights/${name}/lifetime`,
          })),
        });
      },
    },
    {
      name: 'facebook.status',
      method: 'GET',
      path: route(String.raw`\/(\d+)`),
      handle: (context) => {
        if (!authorizeGraph(context, state.tokens)) return;
        const id = context.params[0] ?? '';
        const reel = state.reels.get(id);
        if (!reel)
          return context.send(
            400,
            graphError(100, `Unsupported get request. Object with ID '${id}' does not exist.`, {
              subcode: 33,
            }),
          );
        context.send(200, {
          id,
          status: reelStatus(reel),
          permalink_url: `https://www.facebook.com/reel/${id}`,
        });
      },
    },
  ];
}
