import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineError } from '../testing/fake-api';
import { installFakeApi } from '../testing/harness';
import { useNotices } from './notices-store';
import {
  cancelSignIn,
  startSignIn,
  withProgress,
  type SignInSlot,
  type SignInState,
} from './sign-in-flow';

type Flow = SignInState<'waiting' | 'exchanging' | 'connected'>;

function slot(): SignInSlot<Flow> & { value: Flow | null } {
  const box: SignInSlot<Flow> & { value: Flow | null } = {
    value: null,
    read: () => box.value,
    write: (next) => (box.value = next),
  };
  return box;
}

const starting: Flow = {
  flowId: null,
  stage: 'starting',
  message: 'Starting…',
  authorizeUrl: null,
};

afterEach(() => vi.restoreAllMocks());

describe('a sign-in in a browser page', () => {
  it('opens the page the engine could not open, then waits for the person', async () => {
    installFakeApi();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const flow = slot();
    await startSignIn(flow, {
      starting,
      request: async () => ({
        flowId: 'flow-1',
        authorizeUrl: 'https://accounts.example/authorize',
        openedExternally: false,
      }),
      belongs: () => true,
      waitingMessage: 'Waiting for you…',
      failureTitle: 'Not connected',
    });
    expect(open).toHaveBeenCalledWith('https://accounts.example/authorize', '_blank', 'noopener');
    expect(flow.value).toEqual({
      flowId: 'flow-1',
      stage: 'waiting',
      message: 'Waiting for you…',
      authorizeUrl: 'https://accounts.example/authorize',
    });
  });

  it('keeps progress pushed before the engine answered the start', async () => {
    installFakeApi();
    const flow = slot();
    await startSignIn(flow, {
      starting,
      request: async () => {
        // The person was quick: the exchange began before the start was answered.
        flow.value = withProgress(flow.value, {
          flowId: 'flow-2',
          stage: 'exchanging',
          message: 'Finishing the sign-in…',
        });
        return { flowId: 'flow-2', authorizeUrl: 'https://a.example', openedExternally: true };
      },
      belongs: () => true,
      waitingMessage: 'Waiting for you…',
      failureTitle: 'Not connected',
    });
    expect(flow.value).toMatchObject({ stage: 'exchanging', message: 'Finishing the sign-in…' });
    // A push of another flow (an earlier attempt) changes nothing.
    expect(
      withProgress(flow.value, { flowId: 'flow-1', stage: 'connected', message: 'Old' }),
    ).toBeNull();
  });

  it('shows why it could not start and leaves nothing on screen', async () => {
    installFakeApi();
    const flow = slot();
    await startSignIn(flow, {
      starting,
      request: () => Promise.reject(engineError('UNAVAILABLE', 'The sign-in service is down.')),
      belongs: () => true,
      waitingMessage: 'Waiting for you…',
      failureTitle: 'Google Drive could not be connected',
    });
    expect(flow.value).toBeNull();
    expect(useNotices.getState().toasts.at(-1)).toMatchObject({
      title: 'Google Drive could not be connected',
    });
  });

  it('cancels through the engine once it has a flow, and just forgets one it has not', async () => {
    const api = installFakeApi({ 'storage:cancelConnect': () => ({ cancelled: true }) });
    const flow = slot();
    flow.value = starting;
    await cancelSignIn(flow, 'storage:cancelConnect');
    expect(flow.value).toBeNull();
    expect(api.callsTo('storage:cancelConnect')).toEqual([]);

    flow.value = { ...starting, flowId: 'flow-3', stage: 'waiting' };
    await cancelSignIn(flow, 'storage:cancelConnect');
    expect(api.callsTo('storage:cancelConnect')).toEqual([{ flowId: 'flow-3' }]);
  });
});
