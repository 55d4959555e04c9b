import { Readable } from 'node:stream';
import { z } from 'zod';
import { ByteSink } from '../kit/byte-sink';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import { parseMultipart } from './multipart';
import type { XUploadState, XMedia, XTweet } from './x-emulator-state';

/** X's RFC 7807 problem answers. */
export function xProblem(status: number, title: string, detail: string) {
  return { title, detail, type: 'about:blank', status };
}

function authorize(context: RouteContext, state: XUploadState): string | null {
  const checked = state.tokens.checkAccess(context.request.headers.authorization);
  if ('token' in checked) return checked.token.accountId;
  context.send(401, xProblem(401, 'Unauthorized', 'Unauthorized'));
  return null;
}

const initSchema = z.object({
  media_type: z.string(),
  total_bytes: z.number().int().positive(),
  media_category: z.enum(['tweet_video', 'amplify_video', 'tweet_image', 'tweet_gif']),
});
const tweetSchema = z.object({
  text: z.string(),
  media: z.object({ media_ids: z.array(z.string()).min(1).max(4) }).optional(),
});

function processingInfo(state: XUploadState, media: XMedia) {
  if (media.error)
    return {
      state: 'failed',
      progress_percent: 0,
      error: { code: 1, name: 'InvalidMedia', message: media.error },
    };
  if (media.pollsLeft > 0)
    return { state: 'in_progress', check_after_secs: state.checkAfterSecs, progress_percent: 50 };
  return { state: 'succeeded', progress_percent: 100 };
}

/** X API v2 chunked media upload and post creation. */
export function xUploadRoutes(state: XUploadState): EmulatorRoute[] {
  const newId = () => String(state.nextId++);
  const mediaOf = (context: RouteContext, accountId: string) => {
    const media = state.media.get(
      context.params[0] ?? context.url.searchParams.get('media_id') ?? '',
    );
    return media && media.accountId === accountId ? media : null;
  };
  return [
    {
      name: 'x.media.initialize',
      method: 'POST',
      path: /^\/2\/media\/upload\/initialize$/,
      handle: async (context) => {
        const accountId = authorize(context, state);
        if (!accountId) return;
        const body = initSchema.safeParse(await context.json().catch(() => null));
        if (!body.success)
          return context.send(
            400,
            xProblem(
              400,
              'Invalid Request',
              'media_type, total_bytes and media_category are required.',
            ),
          );
        if (body.data.total_bytes > state.maxTotalBytes)
          return context.send(
            400,
            xProblem(400, 'Invalid Request', `total_bytes exceeds ${state.maxTotalBytes}.`),
          );
        const media: XMedia = {
          id: newId(),
          accountId,
          mediaType: body.data.media_type,
          totalBytes: body.data.total_bytes,
          segmentsReceived: 0,
          sink: new ByteSink(body.data.total_bytes),
          finalized: false,
          pollsLeft: state.processingPolls,
          error: null,
        };
        state.media.set(media.id, media);
        context.send(200, {
          data: { id: media.id, media_key: `7_${media.id}`, expires_after_secs: 86_400 },
        });
      },
    },
    {
      name: 'x.media.append',
      method: 'POST',
      path: /^\/2\/media\/upload\/(\d+)\/append$/,
      handle: async (context) => {
        const accountId = authorize(context, state);
        if (!accountId) return;
        const media = mediaOf(context, accountId);
        const declared = Number(context.request.headers['content-length'] ?? '0');
        if (declared > state.maxSegmentBytes + 64 * 1024) {
          context.request.resume();
          return context.send(
            413,
            xProblem(
              413,
              'Payload Too Large',
              `A segment may hold at most ${state.maxSegmentBytes} bytes.`,
            ),
          );
        }
        const parts = parseMultipart(
          await context.body(),
          String(context.request.headers['content-type'] ?? ''),
        );
        if (!media)
          return context.send(400, xProblem(400, 'Invalid Request', 'The media id is unknown.'));
        const segment = parts?.get('media');
        const index = Number(parts?.get('segment_index')?.toString() ?? 'NaN');
        const replacing = index === media.segmentsReceived - 1;
        const problem =
          !parts || !segment
            ? 'The body must be multipart/form-data with segment_index and media.'
            : segment.length > state.maxSegmentBytes
              ? `A segment may hold at most ${state.maxSegmentBytes} bytes.`
              : media.finalized
                ? 'The media is already finalized.'
                : index !== media.segmentsReceived && !replacing
                  ? `segment_index ${index} is out of order (expected ${media.segmentsReceived}).`
                  : null;
        if (problem || !segment)
          return context.send(400, xProblem(400, 'Invalid Request', problem ?? 'No media part.'));
        // A re-sent last segment replaces it; segments otherwise come in order from 0.
        // Until FINALIZE the media is open: its last segment may be sent again (a lost answer).
        if (replacing && !media.sink.rewindTo(media.sink.committed - segment.length, true))
          return context.send(
            400,
            xProblem(400, 'Invalid Request', 'That segment can no longer be replaced.'),
          );
        if (replacing) media.segmentsReceived -= 1;
        if (media.sink.committed + segment.length > media.totalBytes)
          return context.send(
            400,
            xProblem(400, 'Invalid Request', 'The segments exceed total_bytes.'),
          );
        await media.sink.receive(Readable.from([segment]), segment.length);
        media.segmentsReceived += 1;
        context.send(200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } });
      },
    },
    {
      name: 'x.media.finalize',
      method: 'POST',
      path: /^\/2\/media\/upload\/(\d+)\/finalize$/,
      handle: (context) => {
        const accountId = authorize(context, state);
        if (!accountId) return;
        const media = mediaOf(context, accountId);
        if (!media)
          return context.send(400, xProblem(400, 'Invalid Request', 'The media id is unknown.'));
        if (!media.sink.complete)
          return context.send(
            400,
            xProblem(
              400,
              'Invalid Request',
              `File size mismatch: received ${media.sink.committed} of ${media.totalBytes} bytes.`,
            ),
          );
        if (!media.finalized) {
          media.finalized = true;
          media.error = state.rejectNextMediaWith;
          state.rejectNextMediaWith = null;
        }
        context.send(200, {
          data: {
            id: media.id,
            media_key: `7_${media.id}`,
            size: media.totalBytes,
            expires_after_secs: 86_400,
            processing_info: { state: 'pending', check_after_secs: state.checkAfterSecs },
          },
        });
      },
    },
    {
      name: 'x.media.status',
      method: 'GET',
      path: /^\/2\/media\/upload$/,
      handle: (context) => {
        const accountId = authorize(context, state);
        if (!accountId) return;
        const media = mediaOf(context, accountId);
        if (!media || context.url.searchParams.get('command') !== 'STATUS' || !media.finalized)
          return context.send(
            400,
            xProblem(400, 'Invalid Request', 'STATUS needs the id of a finalized media.'),
          );
        const info = processingInfo(state, media);
        if (media.pollsLeft > 0) media.pollsLeft -= 1;
        context.send(200, {
          data: { id: media.id, media_key: `7_${media.id}`, processing_info: info },
        });
      },
    },
    {
      name: 'x.tweets.create',
      method: 'POST',
      path: /^\/2\/tweets$/,
      handle: async (context) => {
        const accountId = authorize(context, state);
        if (!accountId) return;
        const body = tweetSchema.safeParse(await context.json().catch(() => null));
        if (!body.success)
          return context.send(400, xProblem(400, 'Invalid Request', 'text is required.'));
        if ([...body.data.text].length > 280)
          return context.send(
            400,
            xProblem(400, 'Invalid Request', 'The text is longer than 280 characters.'),
          );
        const attached = (body.data.media?.media_ids ?? []).map((id) => state.media.get(id));
        if (
          attached.some(
            (m) => !m || m.accountId !== accountId || !m.finalized || m.pollsLeft > 0 || m.error,
          )
        )
          return context.send(400, xProblem(400, 'Invalid Request', 'Your media IDs are invalid.'));
        if (state.refuseNextTweetForDuration) {
          state.refuseNextTweetForDuration = false;
          return context.send(
            403,
            xProblem(403, 'Forbidden', 'The video is longer than this account may post.'),
          );
        }
        const tweet: XTweet = {
          id: newId(),
          accountId,
          text: body.data.text,
          mediaIds: body.data.media?.media_ids ?? [],
          sha256: attached[0]?.sink.digest() ?? '',
          createdAt: state.now(),
          publicMetrics: {
            impression_count: 0,
            like_count: 0,
            reply_count: 0,
            retweet_count: 0,
            quote_count: 0,
            bookmark_count: 0,
          },
        };
        state.tweets.set(tweet.id, tweet);
        state.postsByAccount.set(accountId, (state.postsByAccount.get(accountId) ?? 0) + 1);
        context.send(201, {
          data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] },
        });
      },
    },
    {
      // The user's posts, newest first (`GET /2/users/:id/tweets`), with media keys on request.
      name: 'x.users.tweets',
      method: 'GET',
      path: /^\/2\/users\/([^/]+)\/tweets$/,
      handle: (context) => {
        const accountId = authorize(context, state);
        if (!accountId) return;
        const userId = context.params[0] ?? '';
        if (userId !== accountId)
          return context.send(
            403,
            xProblem(403, 'Forbidden', 'This emulator lists only the signed-in user’s posts.'),
          );
        const query = context.url.searchParams;
        const max = Number(query.get('max_results') ?? '10');
        if (!Number.isInteger(max) || max < 5 || max > 100)
          return context.send(
            400,
            xProblem(400, 'Invalid Request', 'max_results must be between 5 and 100.'),
          );
        const since = query.get('start_time') ? Date.parse(query.get('start_time') ?? '') : 0;
        const withMedia = (query.get('expansions') ?? '')
          .split(',')
          .includes('attachments.media_keys');
        const tweets = [...state.tweets.values()]
          .filter((t) => t.accountId === userId && t.createdAt >= since)
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice(0, max);
        context.send(200, {
          data: tweets.map((t) => ({
            id: t.id,
            text: t.text,
            edit_history_tweet_ids: [t.id],
            created_at: new Date(t.createdAt).toISOString(),
            ...(withMedia && t.mediaIds.length > 0
              ? { attachments: { media_keys: t.mediaIds.map((id) => `7_${id}`) } }
              : {}),
          })),
          meta: { result_count: tweets.length },
        });
      },
    },
    {
      name: 'x.tweets.lookup',
      method: 'GET',
      path: /^\/2\/tweets\/(\d+)$/,
      handle: (context) => {
        if (!authorize(context, state)) return;
        const tweet = state.tweets.get(context.params[0] ?? '');
        if (!tweet)
          return context.send(200, {
            errors: [
              {
                resource_id: context.params[0],
                title: 'Not Found Error',
                detail: 'Could not find tweet.',
                type: 'https://api.twitter.com/2/problems/resource-not-found',
              },
            ],
          });
        const fields = (context.url.searchParams.get('tweet.fields') ?? '').split(',');
        context.send(200, {
          data: {
            id: tweet.id,
            text: tweet.text,
            edit_history_tweet_ids: [tweet.id],
            ...(fields.includes('public_metrics') ? { public_metrics: tweet.publicMetrics } : {}),
          },
        });
      },
    },
  ];
}
