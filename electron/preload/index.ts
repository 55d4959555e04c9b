import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  channelNames,
  eventNames,
  PUSH_EVENT_CHANNEL,
  type Api,
  type Channel,
  type EventName,
} from '../../shared/contract';

const channels = new Set<string>(channelNames);
const events = new Set<string>(eventNames);

/**
 * `window.api` made from the contract's channel and event names. The renderer gets these
 * functions only, never `ipcRenderer`, and cannot reach a channel the contract does not name.
 */
const api: Api = {
  transport: 'ipc',
  invoke(channel: Channel, input: unknown) {
    if (!channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `There is no operation named "${channel}".` },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: EventName, listener: (payload: never) => void) {
    if (!events.has(event)) throw new Error(`There is no event named "${event}".`);
    const handler = (_sender: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(PUSH_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PUSH_EVENT_CHANNEL, handler);
    };
  },
  files: {
    // Dropped files carry their path only through webUtils since Electron 32.
    pathForFile: (file: object) => webUtils.getPathForFile(file as File),
  },
} as Api;

contextBridge.exposeInMainWorld('api', api);
