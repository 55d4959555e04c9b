import { randomBytes } from 'node:crypto';
import { ByteSink } from '../kit/byte-sink';
import type { RouteContext, TokenRegistry } from '../kit/emulator-kit';
import { googleAuthHeaders, googleError, googleUnauthenticated } from './google-error-bodies';

/**
 * The server half of Google's resumable upload protocol, shared by the YouTube and Drive
 * emulators: sessions keyed by `upload_id`, Content-Range checks, 256 KiB units, 308 + Range,
 * the `bytes *\/TOTAL` probe, 404 for an expired session. Bytes are hashed, never stored.
 */
export const granuleBytes = 256 * 1024;

export interface ResumableSession {
  id: string;
  accountId: string;
  totalBytes: number;
  contentType: string;
  metadata: unknown;
  sink: ByteSink;
  expired: boolean;
  /** The answer to the final chunk, repeated to any later probe. */
  result?: { status: number; body: unknown };
}

export class ResumableSessions {
  readonly sessions = new Map<string, ResumableSession>();

  create(input: Omit<ResumableSession, 'id' | 'sink' | 'expired'>): ResumableSession {
    const session: ResumableSession = {
      ...input,
      id: randomBytes(12).toString('base64url'),
      sink: new ByteSink(input.totalBytes),
      expired: false,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The "session expired" switch: every open session answers 404 from now on. */
  expireAll(): void {
    for (const session of this.sessions.values()) session.expired = true;
  }
}

/** Checks `Authorization` when present; the session URI itself is the upload's credential. */
export function optionalAuth(context: RouteContext, tokens: TokenRegistry): boolean {
  const header = context.request.headers.authorization;
  if (header === undefined) return true;
  if ('token' in tokens.checkAccess(header)) return true;
  context.send(401, googleUnauthenticated, googleAuthHeaders);
  return false;
}

function rangeHeader(session: ResumableSession): Record<string, string> {
  return session.sink.committed > 0 ? { range: `bytes=0-${session.sink.committed - 1}` } : {};
}

export async function handleResumablePut(
  context: RouteContext,
  sessions: ResumableSessions,
  tokens: TokenRegistry,
  finish: (session: ResumableSession) => { status: number; body: unknown },
  /** Keeps the bytes (Drive serves them back); YouTube only hashes them. */
  keep?: (session: ResumableSession, piece: Buffer, offset: number) => void,
): Promise<void> {
  if (!optionalAuth(context, tokens)) return;
  const id = context.url.searchParams.get('upload_id') ?? '';
  const session = sessions.sessions.get(id);
  if (!session || session.expired) {
    await context.body();
    return context.send(404, googleError(404, 'notFound', 'Upload session not found or expired.'));
  }
  const range = context.request.headers['content-range'] ?? '';
  const declared = Number(context.request.headers['content-length'] ?? '0');
  const probe = /^bytes \*\/(\d+)$/.exec(range);
  if (probe) {
    await context.body();
    if (Number(probe[1]) !== session.totalBytes)
      return context.send(
        400,
        googleError(400, 'badContent', 'Content-Range total does not match the session.'),
      );
    if (session.result) return context.send(session.result.status, session.result.body);
    return context.send(308, undefined, rangeHeader(session));
  }
  const parsed = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  if (!parsed) {
    await context.body();
    return context.send(
      400,
      googleError(400, 'badRequest', 'Failed to parse Content-Range header.'),
    );
  }
  if (session.result) {
    await context.body();
    return context.send(session.result.status, session.result.body);
  }
  const first = Number(parsed[1]);
  const last = Number(parsed[2]);
  const total = Number(parsed[3]);
  const length = last - first + 1;
  const problem =
    total !== session.totalBytes
      ? `Content-Range total ${total} differs from the announced ${session.totalBytes}.`
      : last < first || last >= total
        ? 'Content-Range is out of bounds.'
        : length !== declared
          ? `Content-Length ${declared} differs from the Content-Range length ${length}.`
          : last + 1 < total && length % granuleBytes !== 0
            ? 'Invalid request. The number of bytes uploaded is required to be a multiple of 262144, except for the final request.'
            : first !== session.sink.committed && !session.sink.rewindTo(first)
              ? `Content-Range starts at ${first} but the server holds ${session.sink.committed} bytes; ask with bytes */${total}.`
              : null;
  if (problem) {
    await context.body();
    return context.send(400, googleError(400, 'badRequest', problem));
  }
  const outcome = await session.sink.receive(
    context.request,
    length,
    granuleBytes,
    keep && ((piece, offset) => keep(session, piece, offset)),
  );
  if (outcome === 'aborted') return;
  if (outcome !== 'complete')
    return context.send(
      400,
      googleError(400, 'badRequest', 'The body does not match Content-Range.'),
    );
  if (!session.sink.complete) return context.send(308, undefined, rangeHeader(session));
  session.result = finish(session);
  context.send(session.result.status, session.result.body);
}
