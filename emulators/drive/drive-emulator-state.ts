import { z } from 'zod';
import { TokenRegistry } from '../kit/emulator-kit';
import { ResumableSessions } from '../google/resumable-upload-server';

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  size: number;
  sha256: string;
}

export interface DriveEmulatorState {
  tokens: TokenRegistry;
  uploads: ResumableSessions;
  files: Map<string, DriveFile>;
  /** Bytes; `limit` null for unlimited storage (the API then omits it). */
  storage: { limit: number | null; usedElsewhere: number; trash: number };
}

export interface DriveStateOptions {
  /** The registry of the OAuth side, so tokens it issues are accepted here. */
  tokens?: TokenRegistry;
  now?: () => number;
  storageLimit?: number | null;
}

export function createDriveState(options: DriveStateOptions = {}): DriveEmulatorState {
  return {
    tokens:
      options.tokens ??
      new TokenRegistry({
        accessTtlMs: 3_600_000,
        refreshTtlMs: 180 * 86_400_000,
        rotateRefresh: false,
        now: options.now,
      }),
    uploads: new ResumableSessions(),
    files: new Map(),
    storage: {
      limit: options.storageLimit === undefined ? 15 * 1024 ** 3 : options.storageLimit,
      usedElsewhere: 0,
      trash: 0,
    },
  };
}

export function driveUsage(state: DriveEmulatorState): number {
  let inDrive = 0;
  for (const file of state.files.values()) inDrive += file.size;
  return inDrive;
}

export function describeDriveState(state: DriveEmulatorState) {
  return { files: [...state.files.values()], usage: driveUsage(state) };
}

export const driveSwitchesSchema = z.strictObject({
  expireTokens: z.literal(true).optional(),
  revokeAll: z.literal(true).optional(),
  expireSessions: z.literal(true).optional(),
  /** Bytes other Google services use, to fill the Drive up. */
  usedElsewhereBytes: z.number().int().nonnegative().optional(),
});

/** `POST /__emulator/switches` for the Drive emulator. */
export function applyDriveSwitches(state: DriveEmulatorState, raw: unknown): void {
  const input = driveSwitchesSchema.parse(raw);
  if (input.expireTokens) state.tokens.expireAll();
  if (input.revokeAll) state.tokens.revokeAll();
  if (input.expireSessions) state.uploads.expireAll();
  if (input.usedElsewhereBytes !== undefined)
    state.storage.usedElsewhere = input.usedElsewhereBytes;
}
