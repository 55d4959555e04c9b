import type { EventName, EventPayload } from '../../shared/contract';
import type { NavigationTarget } from '../../shared/domain/screens';

/** Time, injected so that schedules, backoff and pacing can be tested with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): () => void;
}

export interface IdGenerator {
  newId(): string;
}

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

/** Where the engine keeps its files. Everything lives below `dataDir` unless the user says so. */
export interface Paths {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly logsDir: string;
  readonly mediaDir: string;
  readonly cacheDir: string;
  readonly tempDir: string;
  /** Read-only files shipped with the app (fonts, icons, a bundled ffmpeg if any). */
  readonly resourcesDir: string;
}

export interface SecretStoreInfo {
  backend: string;
  /** False when secrets are only obfuscated (Electron's basic_text backend on Linux). */
  secure: boolean;
}

/** Holds tokens and app secrets, encrypted at rest. Never reached from the renderer. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  info(): SecretStoreInfo;
}

/**
 * Something the person should know about. The engine decides when (once per cause); the shell
 * decides how (an OS notification when the window is not focused, else a notice in the app).
 */
export interface Notification {
  title: string;
  body: string;
  /** Severity. */
  level: 'info' | 'warning' | 'error';
  /** What raised it: a `NotificationKind`, or another source's kind (statistics alerts). */
  kind?: string;
  /** One notification per cause, e.g. `post-failed:<targetId>`; also a stable OS tag. */
  causeKey?: string;
  /** Where clicking it leads: a screen and the item to show there. */
  target?: NavigationTarget;
  /** The alert rule's id, when an alert raised it. */
  alertId?: string;
}

export interface Notifier {
  notify(notification: Notification): void;
}

/** Sleep and wake of the machine; the scheduler re-checks what is due on resume. */
export interface PowerEvents {
  onSuspend(listener: () => void): () => void;
  onResume(listener: () => void): () => void;
}

export type HttpFetch = typeof globalThis.fetch;

/** Pushes events to whatever UI is attached (IPC in the desktop app, SSE in the host). */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** What only the desktop shell can do; absent in headless mode. */
export interface DesktopIntegration {
  setStartAtLogin(enabled: boolean): void;
  /** What the operating system has now (the person may change it in the OS's own settings). */
  isStartAtLoginEnabled?(): boolean;
  openExternal(url: string): Promise<void>;
  /** The system's open dialog for media; resolves with nothing when the person cancels. */
  chooseMediaPaths?(mode: 'files' | 'folder'): Promise<string[]>;
}

export interface EnginePorts {
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  paths: Paths;
  secrets: SecretStore;
  notifier: Notifier;
  power: PowerEvents;
  http: HttpFetch;
  events: EventSink;
  desktop: DesktopIntegration | null;
}
