import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { staticPageCsp } from '../../../../shared/security/content-security-policy';

export interface CallbackOutcome {
  ok: boolean;
  title: string;
  message: string;
}

export interface LoopbackListener {
  redirectUri: string;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The plain page the browser shows after the platform sent the person back. */
export function callbackPage(outcome: CallbackOutcome): string {
  const color = outcome.ok ? '#2e7d32' : '#c62828';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ReelPilot: ${escapeHtml(outcome.title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; line-height: 1.5">
<h1 style="color: ${color}">${escapeHtml(outcome.title)}</h1><p>${escapeHtml(outcome.message)}</p>
<p>You can close this tab and return to ReelPilot.</p></body></html>`;
}

function sendPage(response: ServerResponse, status: number, outcome: CallbackOutcome): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': staticPageCsp,
    'referrer-policy': 'no-referrer',
  });
  response.end(callbackPage(outcome));
}

/**
 * The redirect target of an installed-app OAuth flow (RFC 8252): a one-shot HTTP listener on
 * 127.0.0.1 at a random port. An answer whose `state` does not match is refused and the
 * listener keeps waiting for the real one; the first matching answer is handed to
 * `onCallback`, whose outcome the browser shows.
 */
export function startLoopbackListener(options: {
  state: string;
  onCallback(params: URLSearchParams): Promise<CallbackOutcome>;
}): Promise<LoopbackListener> {
  let handled = false;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== '/callback') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
      return;
    }
    if (url.searchParams.get('state') !== options.state) {
      sendPage(response, 400, {
        ok: false,
        title: 'Sign-in not recognised',
        message:
          'This answer does not belong to the sign-in ReelPilot started (the state does not match). Start the connection again from ReelPilot.',
      });
      return;
    }
    if (handled) {
      sendPage(response, 409, {
        ok: false,
        title: 'Already handled',
        message: 'ReelPilot already received the answer to this sign-in.',
      });
      return;
    }
    handled = true;
    options.onCallback(url.searchParams).then(
      (outcome) => sendPage(response, outcome.ok ? 200 : 400, outcome),
      (error: unknown) =>
        sendPage(response, 500, {
          ok: false,
          title: 'Connection failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        redirectUri: `http://127.0.0.1:${port}/callback`,
        // Lets a page still being sent finish, then cuts whatever is left.
        close: () =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), 2_000);
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
