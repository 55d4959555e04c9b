import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload, Result } from '../../../shared/contract';
import { ensureDirectories, makePaths } from '../app/data-location';
import { createEngine, type Engine, type EngineOptions } from '../engine';
import { silentLogger } from '../logging/file-logger';
import type {
  DesktopIntegration,
  EnginePorts,
  EventSink,
  Notification,
  SecretStore,
} from '../ports';
import { noPowerEvents, randomIds } from '../runtime/node-ports';
import { FakeClock } from './fake-clock';

export class RecordingEventSink implements EventSink {
  readonly events: Array<{ event: EventName; payload: unknown }> = [];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.events.push({ event, payload });
  }
  of<E extends EventName>(event: E): Array<EventPayload<E>> {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
  }
}

export function memorySecretStore(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
    info: () => ({ backend: 'memory (tests)', secure: true }),
  };
}

export interface TestEngine {
  engine: Engine;
  ports: EnginePorts;
  clock: FakeClock;
  events: RecordingEventSink;
  notifications: Notification[];
  dataDir: string;
  /** Closes the engine and removes the temp folder. */
  dispose(): Promise<void>;
}

/** A real engine on a temp data folder with a fake clock and in-memory secrets. */
export async function createTestEngine(
  overrides: Partial<EnginePorts> & { dataDir?: string; options?: Partial<EngineOptions> } = {},
): Promise<TestEngine> {
  const dataDir = overrides.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'reelpilot-test-'));
  const paths = makePaths(dataDir, path.resolve(import.meta.dirname, '../../../resources'));
  ensureDirectories(paths);
  const clock = overrides.clock instanceof FakeClock ? overrides.clock : new FakeClock();
  const events = new RecordingEventSink();
  const notifications: Notification[] = [];
  const { dataDir: _d, options, ...portOverrides } = overrides;
  const ports: EnginePorts = {
    clock,
    ids: randomIds,
    logger: silentLogger,
    paths,
    secrets: memorySecretStore(),
    notifier: { notify: (n) => void notifications.push(n) },
    power: noPowerEvents,
    http: globalThis.fetch,
    events,
    desktop: null as DesktopIntegration | null,
    ...portOverrides,
  };
  const engine = await createEngine(ports, {
    appVersion: '0.0.0-test',
    mode: 'headless',
    dataDirPinned: true,
    defaultDataDir: dataDir,
    ...options,
    // The free space of the machine running the tests must not decide what tests see.
    automation: { freeBytes: async () => Number.MAX_SAFE_INTEGER, ...options?.automation },
  });
  return {
    engine,
    ports,
    clock,
    events,
    notifications,
    dataDir,
    async dispose() {
      await engine.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value of a call that must succeed; a refusal fails the test with the error it gave. */
export async function ok<T>(call: Promise<Result<unknown>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}
