import { randomBytes } from 'node:crypto';
import type { ByteSink } from '../kit/byte-sink';
import type { RouteContext, TokenRegistry } from '../kit/emulator-kit';

/** Pieces shared by the Instagram and Facebook emulators: Graph errors, auth, rupload. */

export const graphPrefix = String.raw`^\/v\d+\.\d+`;

export function graphError(
  code: number,
  message: string,
  options: { subcode?: number; type?: string; transient?: boolean; userMessage?: string } = {},
) {
  return {
    error: {
      message,
      type: options.type ?? (code === 190 ? 'OAuthException' : 'GraphMethodException'),
      code,
      ...(options.subcode === undefined ? {} : { error_subcode: options.subcode }),
      ...(options.transient === undefined ? {} : { is_transient: options.transient }),
      ...(options.userMessage === undefined ? {} : { error_user_msg: options.userMessage }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

/** The account behind the Bearer/OAuth header or `access_token`; otherwise answers code 190. */
export function authorizeGraph(context: RouteContext, tokens: TokenRegistry): string | null {
  const query = context.url.searchParams.get('access_token');
  const checked = query
    ? tokens.checkAccessToken(query)
    : tokens.checkAccess(context.request.headers.authorization);
  if ('token' in checked) return checked.token.accountId;
  if (checked.error === 'expired')
    context.send(
      400,
      graphError(190, 'Error validating access token: Session has expired.', { subcode: 463 }),
    );
  else context.send(400, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
  return null;
}

/** Graph parameters from the query string and a form or JSON body. */
export async function graphParams(context: RouteContext): Promise<URLSearchParams> {
  const params = new URLSearchParams(context.url.searchParams);
  const type = String(context.request.headers['content-type'] ?? '');
  if (type.includes('json')) {
    const body = (await context.json().catch(() => null)) as Record<string, unknown> | null;
    for (const [key, value] of Object.entries(body ?? {})) params.set(key, String(value));
  } else {
    for (const [key, value] of await context.form()) params.set(key, value);
  }
  return params;
}

function ruploadError(retriable: boolean, type: string, message: string) {
  return { debug_info: { retriable, type, message } };
}

/**
 * A rupload POST: `Authorization: OAuth TOKEN`, `offset`, `file_size`, binary body. The offset
 * must be what the server holds, or an earlier point it confirmed (a re-sent part).
 */
export async function handleRupload(
  context: RouteContext,
  tokens: TokenRegistry,
  sinkFor: (fileSize: number) => ByteSink | null,
): Promise<'complete' | 'partial' | null> {
  const header = context.request.headers.authorization ?? '';
  const checked = tokens.checkAccess(header);
  if (!('token' in checked) || !header.startsWith('OAuth ')) {
    await context.body();
    context.send(401, ruploadError(false, 'AuthorizationError', 'Invalid OAuth access token.'));
    return null;
  }
  const offset = Number(context.request.headers.offset);
  const fileSize = Number(context.request.headers.file_size);
  const length = Number(context.request.headers['content-length'] ?? '0');
  const sink = Number.isInteger(fileSize) && fileSize > 0 ? sinkFor(fileSize) : null;
  const problem = !sink
    ? 'Unknown upload or file_size header missing.'
    : sink.totalBytes !== fileSize
      ? `file_size ${fileSize} differs from the first request's ${sink.totalBytes}.`
      : !Number.isInteger(offset) || offset + length > fileSize
        ? 'The offset header is missing or the body runs past file_size.'
        : offset !== sink.committed && !sink.rewindTo(offset)
          ? `Offset ${offset} does not match the ${sink.committed} bytes received.`
          : null;
  if (problem || !sink) {
    await context.body();
    context.send(400, ruploadError(false, 'ProcessingFailedError', problem ?? 'Unknown upload.'));
    return null;
  }
  const outcome = await sink.receive(context.request, length);
  if (outcome === 'aborted') return null;
  if (outcome !== 'complete') {
    context.send(400, ruploadError(true, 'ProcessingFailedError', 'The body was cut short.'));
    return null;
  }
  context.send(200, { success: true });
  return sink.complete ? 'complete' : 'partial';
}

export const metaFaults = {
  serverError: {
    type: 'status',
    status: 500,
    body: graphError(2, 'An unexpected error has occurred. Please retry your request later.', {
      transient: true,
    }),
  },
  rateLimited: {
    type: 'status',
    status: 400,
    body: graphError(4, '(#4) Application request limit reached', { transient: true }),
  },
} as const;
