import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  backupCountsSchema,
  backupTriggerSchema,
  type BackupCounts,
  type BackupTrigger,
} from '../../../shared/domain/backup';
import type { Logger } from '../ports';

/**
 * What is known of a backup, kept beside it as `<name>.json` (and on Drive as the file's app
 * properties): the app and schema that wrote it, the checksums, and what it holds. The backup
 * itself is a plain gzip of the SQLite file, so `gunzip` and `sqlite3` can open it too.
 */
export const manifestSchema = z.object({
  format: z.literal('reelpilot-backup'),
  version: z.literal(1),
  id: z.string().min(1),
  createdAt: z.number(),
  trigger: backupTriggerSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  installationId: z.string(),
  fileName: z.string().min(1),
  /** Of the .db.gz file. */
  sizeBytes: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  databaseBytes: z.number(),
  databaseSha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: backupCountsSchema,
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export const ARCHIVE_SUFFIX = '.db.gz';
export const MANIFEST_SUFFIX = '.json';

/** `reelpilot-2026-03-01T03-00-00Z-scheduled-1a2b3c4d.db.gz`: sorts by time, says what it is. */
export function backupFileName(createdAt: number, trigger: BackupTrigger, id: string): string {
  const stamp = new Date(createdAt)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `reelpilot-${stamp}-${trigger}-${id.replace(/[^a-zA-Z0-9]/g, '').slice(0, 8)}${ARCHIVE_SUFFIX}`;
}

/** Drive app properties carry the manifest (30 per file, 124 bytes each with the key). */
export function manifestToAppProperties(manifest: BackupManifest): Record<string, string> {
  const c = manifest.counts;
  return {
    backupId: manifest.id,
    createdAt: String(manifest.createdAt),
    trigger: manifest.trigger,
    appVersion: manifest.appVersion,
    schemaVersion: String(manifest.schemaVersion),
    installation: manifest.installationId,
    sha256: manifest.sha256,
    dbBytes: String(manifest.databaseBytes),
    dbSha256: manifest.databaseSha256,
    counts: [c.accounts, c.configs, c.posts, c.metrics, c.mediaItems].join('.'),
  };
}

/** A manifest read back from a Drive file's app properties; null when they are not one. */
export function manifestFromAppProperties(file: {
  name: string;
  sizeBytes: number | null;
  appProperties: Record<string, string>;
}): BackupManifest | null {
  const p = file.appProperties;
  const [accounts, configs, posts, metrics, mediaItems] = (p.counts ?? '').split('.').map(Number);
  const parsed = manifestSchema.safeParse({
    format: 'reelpilot-backup',
    version: 1,
    id: p.backupId,
    createdAt: Number(p.createdAt),
    trigger: p.trigger,
    appVersion: p.appVersion,
    schemaVersion: Number(p.schemaVersion),
    installationId: p.installation ?? '',
    fileName: file.name,
    sizeBytes: file.sizeBytes ?? 0,
    sha256: p.sha256,
    databaseBytes: Number(p.dbBytes),
    databaseSha256: p.dbSha256,
    counts: { accounts, configs, posts, metrics, mediaItems },
  });
  return parsed.success ? parsed.data : null;
}

/** Writes a file whole or not at all: a crash leaves the old one (or none), never half. */
export function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  // Private like everything in the data folder.
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}

/**
 * This installation's id, so that retention never deletes the backups another ReelPilot (another
 * computer) keeps in the same Drive folder. Kept in the data folder, outside the database.
 */
export function installationId(dataDir: string): string {
  const file = path.join(dataDir, 'installation.json');
  try {
    const parsed = z
      .object({ id: z.string().min(8) })
      .safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data.id;
  } catch {
    // Missing or unreadable: a new id is made below.
  }
  const id = randomUUID();
  writeFileAtomic(file, JSON.stringify({ id }));
  return id;
}

/** The backups in `DATA/backups`: a `.db.gz` and its `.json` manifest each. */
export class LocalBackups {
  constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {}

  ensureDir(): void {
    mkdirSync(this.dir, { recursive: true });
  }

  archivePath(manifest: Pick<BackupManifest, 'fileName'>): string {
    return path.join(this.dir, manifest.fileName);
  }

  private manifestPath(fileName: string): string {
    return path.join(this.dir, fileName.slice(0, -ARCHIVE_SUFFIX.length) + MANIFEST_SUFFIX);
  }

  /** Every backup whose archive and manifest are both here, newest first. */
  list(): BackupManifest[] {
    // Something else in the folder's place (a file) holds no backups; making one says why.
    if (!existsSync(this.dir) || !statSync(this.dir).isDirectory()) return [];
    const found: BackupManifest[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(MANIFEST_SUFFIX) || !name.startsWith('reelpilot-')) continue;
      try {
        const manifest = manifestSchema.parse(
          JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')),
        );
        if (existsSync(this.archivePath(manifest))) found.push(manifest);
      } catch (error) {
        this.logger.warn('backup manifest could not be read; skipped', {
          file: name,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return found.sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): BackupManifest | null {
    return this.list().find((manifest) => manifest.id === id) ?? null;
  }

  /** Records a backup whose archive is already in place. */
  add(manifest: BackupManifest): void {
    writeFileAtomic(this.manifestPath(manifest.fileName), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  remove(manifest: BackupManifest): void {
    rmSync(this.manifestPath(manifest.fileName), { force: true });
    rmSync(this.archivePath(manifest), { force: true });
  }

  /** The manifest beside an archive given by path (a file the person chose), if there is one. */
  static manifestBeside(archive: string): BackupManifest | null {
    if (!archive.endsWith(ARCHIVE_SUFFIX)) return null;
    const file = archive.slice(0, -ARCHIVE_SUFFIX.length) + MANIFEST_SUFFIX;
    try {
      return manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return null;
    }
  }

  bytes(): number {
    return this.list().reduce((sum, manifest) => {
      const archive = this.archivePath(manifest);
      return sum + (existsSync(archive) ? statSync(archive).size : 0);
    }, 0);
  }
}

export function countsOrZero(counts: BackupCounts | null | undefined): BackupCounts {
  return counts ?? { accounts: 0, configs: 0, posts: 0, metrics: 0, mediaItems: 0 };
}
