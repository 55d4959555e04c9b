import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { OAuthEmulation, type EmulatedApp } from '../kit/oauth-emulation';
import { RateWindow } from '../kit/rate-window';
import type { TokenRegistry } from '../kit/emulator-kit';
import { ResumableSessions } from '../google/resumable-upload-server';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  /** Bytes of content; 0 for folders. */
  size: number;
  /** Of the content, so tests can compare with the source file ('' for folders). */
  sha256: string;
  md5: string;
  appProperties: Record<string, string>;
  trashed: boolean;
  createdTime: number;
  /** Where the content is kept on disk; null for folders. */
  contentPath: string | null;
}

export interface DriveUser {
  displayName: string;
  emailAddress: string;
  permissionId: string;
}

export interface DriveEmulatorState {
  auth: OAuthEmulation;
  tokens: TokenRegistry;
  user: DriveUser;
  uploads: ResumableSessions;
  files: Map<string, DriveFile>;
  /** Bytes; `limit` null for unlimited storage (the API then omits it). */
  storage: { limit: number | null; usedElsewhere: number };
  /** Per-user queries a minute before 403 userRateLimitExceeded; null: unlimited. */
  rate: { perMinute: number | null; window: RateWindow | null };
  /** The next download sends this many bytes of its body, then drops the connection. */
  dropNextDownloadAfterBytes: number | null;
  /** A temp folder holding uploaded content, removed when the emulator closes. */
  contentDir: string;
  now(): number;
}

export interface DriveStateOptions {
  now?: () => number;
  storageLimit?: number | null;
  /** The Google developer app the OAuth side accepts (the sandbox shares YouTube's). */
  app?: EmulatedApp;
  accessTtlMs?: number;
}

/** The account every consent in the emulator is given for. */
export const driveSandboxUser: DriveUser = {
  displayName: 'ReelPilot Sandbox',
  emailAddress: 'sandbox.drive@example.com',
  permissionId: '01234567890123456789',
};

export function createDriveState(options: DriveStateOptions = {}): DriveEmulatorState {
  const auth = new OAuthEmulation({
    app: options.app ?? {
      clientId: 'sandbox-google.apps.googleusercontent.com',
      clientSecret: 'sandbox-google-secret',
    },
    accountId: driveSandboxUser.permissionId,
    accessTtlMs: options.accessTtlMs ?? 3_600_000,
    refreshTtlMs: 180 * 86_400_000,
    rotateRefresh: false,
    challengeEncoding: 'base64url',
    now: options.now,
  });
  return {
    auth,
    tokens: auth.tokens,
    user: driveSandboxUser,
    uploads: new ResumableSessions(),
    files: new Map(),
    storage: {
      limit: options.storageLimit === undefined ? 15 * 1024 ** 3 : options.storageLimit,
      usedElsewhere: 0,
    },
    rate: { perMinute: null, window: null },
    dropNextDownloadAfterBytes: null,
    contentDir: mkdtempSync(path.join(tmpdir(), 'drive-emulator-')),
    now: options.now ?? Date.now,
  };
}

export function removeDriveContent(state: DriveEmulatorState): void {
  rmSync(state.contentDir, { recursive: true, force: true });
}

export function newDriveId(): string {
  return randomBytes(16).toString('base64url');
}

/** Bytes of files not in the trash, and of files in it: Drive counts both against the quota. */
export function driveUsage(state: DriveEmulatorState): { inDrive: number; trash: number } {
  let inDrive = 0;
  let trash = 0;
  for (const file of state.files.values()) {
    if (file.trashed) trash += file.size;
    else inDrive += file.size;
  }
  return { inDrive, trash };
}

export function freeBytes(state: DriveEmulatorState): number {
  const { limit, usedElsewhere } = state.storage;
  if (limit === null) return Number.POSITIVE_INFINITY;
  const { inDrive, trash } = driveUsage(state);
  return limit - usedElsewhere - inDrive - trash;
}

export function describeDriveState(state: DriveEmulatorState) {
  return {
    user: state.user,
    files: [...state.files.values()],
    usage: driveUsage(state),
    storage: state.storage,
  };
}

export const driveSwitchesSchema = z.strictObject({
  expireTokens: z.literal(true).optional(),
  revokeAll: z.literal(true).optional(),
  expireSessions: z.literal(true).optional(),
  /** Bytes other Google services use, to fill the Drive up. */
  usedElsewhereBytes: z.number().int().nonnegative().optional(),
  /** The account's storage limit in bytes; null for unlimited. */
  storageLimitBytes: z.number().int().nonnegative().nullable().optional(),
  /** Per-user queries a minute before 403 userRateLimitExceeded; null lifts the limit. */
  queriesPerMinute: z.number().int().positive().nullable().optional(),
  /** The next `files.get?alt=media` drops its connection after this many bytes. */
  dropNextDownloadAfterBytes: z.number().int().nonnegative().optional(),
  /** What the person does in Drive's own interface: moves a file (or folder) to the trash. */
  trashFile: z.string().min(1).optional(),
  /** …or deletes it for good (a folder takes its contents with it). */
  deleteFile: z.string().min(1).optional(),
});

/** `POST /__emulator/switches` for the Drive emulator. */
export function applyDriveSwitches(state: DriveEmulatorState, raw: unknown): void {
  const input = driveSwitchesSchema.parse(raw);
  if (input.expireTokens) state.tokens.expireAll();
  if (input.revokeAll) state.tokens.revokeAll();
  if (input.expireSessions) state.uploads.expireAll();
  if (input.usedElsewhereBytes !== undefined)
    state.storage.usedElsewhere = input.usedElsewhereBytes;
  if (input.storageLimitBytes !== undefined) state.storage.limit = input.storageLimitBytes;
  if (input.queriesPerMinute !== undefined) {
    state.rate.perMinute = input.queriesPerMinute;
    state.rate.window =
      input.queriesPerMinute === null
        ? null
        : new RateWindow(input.queriesPerMinute, 60_000, state.now);
  }
  if (input.dropNextDownloadAfterBytes !== undefined)
    state.dropNextDownloadAfterBytes = input.dropNextDownloadAfterBytes;
  if (input.trashFile !== undefined) {
    if (!state.files.has(input.trashFile)) throw new Error(`No file ${input.trashFile}.`);
    trashWithChildren(state, input.trashFile);
  }
  if (input.deleteFile !== undefined) {
    if (!state.files.has(input.deleteFile)) throw new Error(`No file ${input.deleteFile}.`);
    deleteWithChildren(state, input.deleteFile);
  }
}

/** Trashing a folder trashes what is inside it, as in Drive. */
function trashWithChildren(state: DriveEmulatorState, id: string): void {
  const file = state.files.get(id);
  if (!file) return;
  file.trashed = true;
  for (const child of state.files.values()) {
    if (child.parents.includes(id)) trashWithChildren(state, child.id);
  }
}

/** Deleting a folder deletes what is inside it, as in Drive. */
export function deleteWithChildren(state: DriveEmulatorState, id: string): void {
  state.files.delete(id);
  for (const file of [...state.files.values()]) {
    if (file.parents.includes(id)) deleteWithChildren(state, file.id);
  }
}
