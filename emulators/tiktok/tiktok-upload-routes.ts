import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ByteSink } from '../kit/byte-sink';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import type { RateWindow } from '../kit/rate-window';
import { chunkProblem, expectedChunk } from './tiktok-chunk-rules';
import type { TikTokUploadState, TikTokPost, TikTokPublish } from './tiktok-emulator-state';

const logId = () => randomBytes(16).toString('hex').toUpperCase();

/** TikTok's answer envelope: `data` plus an `error` object whose code is "ok" on success. */
export function tiktokError(code: string, message: string) {
  return { error: { code, message, log_id: logId() } };
}
const ok = (data: unknown) => ({ data, error: { code: 'ok', message: '', log_id: logId() } });

const initSchema = z.object({
  post_info: z
    .object({
      title: z.string().optional(),
      privacy_level: z.string(),
      disable_comment: z.boolean().optional(),
      disable_duet: z.boolean().optional(),
      disable_stitch: z.boolean().optional(),
    })
    .optional(),
  source_info: z.object({
    source: z.literal('FILE_UPLOAD'),
    video_size: z.number().int().positive(),
    chunk_size: z.number().int().positive(),
    total_chunk_count: z.number().int().positive(),
  }),
});

function privacyOptions(state: TikTokUploadState): string[] {
  return state.audited
    ? ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY']
    : ['SELF_ONLY'];
}

function authorize(context: RouteContext, state: TikTokUploadState, limit?: RateWindow) {
  const checked = state.tokens.checkAccess(context.request.headers.authorization);
  if (!('token' in checked)) {
    context.send(
      401,
      tiktokError(
        'access_token_invalid',
        'The access token is invalid or not found in the request.',
      ),
    );
    return null;
  }
  const wait = limit?.take(checked.token.accessToken);
  if (wait != null) {
    context.send(
      429,
      tiktokError('rate_limit_exceeded', 'API rate limit was exceeded. Try again later.'),
      {
        'retry-after': String(Math.ceil(wait / 1000)),
      },
    );
    return null;
  }
  return checked.token.accountId;
}

function statusOf(state: TikTokUploadState, publish: TikTokPublish) {
  if (publish.chunksReceived < publish.totalChunkCount)
    return { status: 'PROCESSING_UPLOAD', uploaded_bytes: publish.sink.committed };
  if (publish.failReason) return { status: 'FAILED', fail_reason: publish.failReason };
  if (publish.pollsLeft > 0) {
    publish.pollsLeft -= 1;
    return { status: 'PROCESSING_UPLOAD', uploaded_bytes: publish.videoSize };
  }
  if (!publish.postId) {
    const post: TikTokPost = {
      postId: String(7_300_000_000_000_000_000n + BigInt(state.posts.size + 1)),
      publishId: publish.publishId,
      accountId: publish.accountId,
      title: publish.title,
      privacyLevel: publish.privacyLevel,
      sizeBytes: publish.videoSize,
      sha256: publish.sink.digest() ?? '',
      metrics: { view_count: 0, like_count: 0, comment_count: 0, share_count: 0 },
    };
    publish.postId = post.postId;
    state.posts.set(post.postId, post);
  }
  if (publish.inbox) return { status: 'SEND_TO_USER_INBOX' };
  return {
    status: 'PUBLISH_COMPLETE',
    publicaly_available_post_id:
      publish.privacyLevel === 'PUBLIC_TO_EVERYONE' ? [publish.postId] : [],
    uploaded_bytes: publish.videoSize,
  };
}

export function tiktokUploadRoutes(state: TikTokUploadState): EmulatorRoute[] {
  const init = (inbox: boolean) => async (context: RouteContext) => {
    const accountId = authorize(context, state, state.limits.init);
    if (!accountId) return;
    const body = initSchema.safeParse(await context.json().catch(() => null));
    if (!body.success || (!inbox && !body.data.post_info))
      return context.send(400, tiktokError('invalid_params', 'The request body is invalid.'));
    const { video_size: size, chunk_size: chunk, total_chunk_count: count } = body.data.source_info;
    const problem = chunkProblem(state.chunkRules, size, chunk, count);
    if (problem) return context.send(400, tiktokError('invalid_params', problem));
    const privacy = body.data.post_info?.privacy_level ?? 'SELF_ONLY';
    if (!state.audited && privacy !== 'SELF_ONLY')
      return context.send(
        403,
        tiktokError(
          'unaudited_client_can_only_post_to_private_accounts',
          'Unaudited clients can only post to private accounts.',
        ),
      );
    if (!privacyOptions(state).includes(privacy))
      return context.send(
        400,
        tiktokError(
          'privacy_level_option_mismatch',
          'The privacy level is not among the creator options.',
        ),
      );
    if ([...(body.data.post_info?.title ?? '')].length > 2200)
      return context.send(
        400,
        tiktokError('invalid_params', 'The title is longer than 2200 characters.'),
      );
    const publish: TikTokPublish = {
      publishId: `v_pub_file~v2-1.${randomBytes(9).toString('hex')}`,
      uploadId: randomBytes(12).toString('hex'),
      accountId,
      title: body.data.post_info?.title ?? '',
      privacyLevel: privacy,
      inbox,
      videoSize: size,
      chunkSize: chunk,
      totalChunkCount: count,
      chunksReceived: 0,
      sink: new ByteSink(size),
      pollsLeft: state.processingPolls,
      failReason: null,
      postId: null,
      createdAt: state.now(),
    };
    state.publishes.set(publish.publishId, publish);
    const host = context.request.headers.host ?? '127.0.0.1';
    context.send(
      200,
      ok({
        publish_id: publish.publishId,
        upload_url: `http://${host}/video/?upload_id=${publish.uploadId}&upload_token=${randomBytes(12).toString('hex')}`,
      }),
    );
  };

  return [
    {
      name: 'tiktok.creatorInfo',
      method: 'POST',
      path: /^\/v2\/post\/publish\/creator_info\/query\/$/,
      handle: (context) => {
        if (!authorize(context, state, state.limits.creatorInfo)) return;
        context.send(
          200,
          ok({
            creator_avatar_url: 'https://example.invalid/avatar.jpg',
            creator_username: 'reelpilot.emulated',
            creator_nickname: 'Emulated Creator',
            privacy_level_options: privacyOptions(state),
            comment_disabled: false,
            duet_disabled: false,
            stitch_disabled: true,
            max_video_post_duration_sec: state.maxVideoPostDurationSec,
          }),
        );
      },
    },
    {
      name: 'tiktok.init',
      method: 'POST',
      path: /^\/v2\/post\/publish\/video\/init\/$/,
      handle: init(false),
    },
    {
      name: 'tiktok.inboxInit',
      method: 'POST',
      path: /^\/v2\/post\/publish\/inbox\/video\/init\/$/,
      handle: init(true),
    },
    {
      name: 'tiktok.upload.chunk',
      method: 'PUT',
      path: /^\/video\/$/,
      handle: async (context) => {
        const uploadId = context.url.searchParams.get('upload_id');
        const found = [...state.publishes.values()].find((p) => p.uploadId === uploadId);
        // An upload URL serves one upload: it is gone once the video is complete, or after an hour.
        const publish =
          found &&
          found.chunksReceived < found.totalChunkCount &&
          state.now() - found.createdAt < state.uploadUrlTtlMs
            ? found
            : undefined;
        if (!publish) {
          await context.body();
          return context.send(
            404,
            tiktokError('invalid_params', 'The upload URL is unknown or expired.'),
          );
        }
        const type = String(context.request.headers['content-type'] ?? '');
        const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(
          String(context.request.headers['content-range'] ?? ''),
        );
        const matches = (index: number) => {
          if (!range || index < 0 || index >= publish.totalChunkCount) return false;
          const { start, end } = expectedChunk(publish, index);
          return (
            Number(range[1]) === start &&
            Number(range[2]) === end - 1 &&
            Number(range[3]) === publish.videoSize
          );
        };
        const resend = matches(publish.chunksReceived - 1);
        const problem = !['video/mp4', 'video/quicktime', 'video/webm'].includes(type)
          ? 'Content-Type must be video/mp4, video/quicktime or video/webm.'
          : !range
            ? 'Content-Range is missing or malformed.'
            : !matches(publish.chunksReceived) && !resend
              ? `Expected chunk ${publish.chunksReceived} of ${publish.totalChunkCount}, in order.`
              : null;
        if (problem) {
          await context.body();
          return context.send(range ? 416 : 400, tiktokError('invalid_params', problem));
        }
        const index = resend ? publish.chunksReceived - 1 : publish.chunksReceived;
        const { start, end } = expectedChunk(publish, index);
        if (!publish.sink.rewindTo(start)) {
          await context.body();
          return context.send(
            416,
            tiktokError('invalid_params', 'That chunk can no longer be replaced.'),
          );
        }
        if (resend) publish.chunksReceived -= 1;
        const outcome = await publish.sink.receive(context.request, end - start);
        if (outcome === 'aborted') return;
        if (outcome !== 'complete')
          return context.send(
            400,
            tiktokError('invalid_params', 'The body does not match Content-Range.'),
          );
        publish.chunksReceived += 1;
        if (publish.chunksReceived < publish.totalChunkCount) return context.send(206);
        publish.failReason = state.failNextWith;
        state.failNextWith = null;
        context.send(201);
      },
    },
    {
      name: 'tiktok.status',
      method: 'POST',
      path: /^\/v2\/post\/publish\/status\/fetch\/$/,
      handle: async (context) => {
        if (!authorize(context, state, state.limits.status)) return;
        const body = z
          .object({ publish_id: z.string() })
          .safeParse(await context.json().catch(() => null));
        const publish = body.success ? state.publishes.get(body.data.publish_id) : undefined;
        if (!publish)
          return context.send(
            400,
            tiktokError('invalid_publish_id', 'The publish_id does not exist.'),
          );
        const status = statusOf(state, publish);
        const ids =
          'publicaly_available_post_id' in status ? status.publicaly_available_post_id : null;
        // Post ids are 64-bit integers that TikTok sends as bare JSON numbers, beyond what a
        // JavaScript number holds exactly: write them verbatim, as the real API does.
        const text = JSON.stringify(
          ok({ ...status, publicaly_available_post_id: ids ? [] : undefined }),
        ).replace(
          '"publicaly_available_post_id":[]',
          `"publicaly_available_post_id":[${(ids ?? []).join(',')}]`,
        );
        context.send(200, text, { 'content-type': 'application/json; charset=UTF-8' });
      },
    },
    {
      name: 'tiktok.videoQuery',
      method: 'POST',
      path: /^\/v2\/video\/query\/$/,
      handle: async (context) => {
        if (!authorize(context, state)) return;
        const fields = (context.url.searchParams.get('fields') ?? '').split(',');
        const body = z
          .object({ filters: z.object({ video_ids: z.array(z.string()).max(20) }) })
          .safeParse(await context.json().catch(() => null));
        if (!body.success)
          return context.send(400, tiktokError('invalid_params', 'filters.video_ids is required.'));
        const videos = body.data.filters.video_ids
          .map((id) => state.posts.get(id))
          .filter((post): post is TikTokPost => post !== undefined)
          .map((post) => {
            const all: Record<string, unknown> = {
              id: post.postId,
              title: post.title,
              ...post.metrics,
            };
            return Object.fromEntries(
              Object.entries(all).filter(([key]) => key === 'id' || fields.includes(key)),
            );
          });
        context.send(200, ok({ videos, cursor: 0, has_more: false }));
      },
    },
  ];
}
