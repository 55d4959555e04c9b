import type { DriveFolder } from '../../../shared/domain/storage';
import type { Clock, Logger } from '../ports';
import type { DriveClient, DriveFileInfo } from '../platforms/drive/drive-client';
import type { ReadContext } from '../platforms/platform-adapter';
import type { StorageRepository } from './storage-repository';

/** The app property that names a ReelPilot folder for good, whatever the person renames it. */
export const FOLDER_PROPERTY = 'reelpilotFolder';

interface FolderSpec {
  name: string;
  parent: string | null;
  path: string;
}

/** `root`, `backups`, `renders` and `renders/YYYY-MM`; anything else is a programming error. */
export function folderSpec(key: string): FolderSpec {
  if (key === 'root') return { name: 'ReelPilot', parent: null, path: 'ReelPilot' };
  if (key === 'backups') return { name: 'Backups', parent: 'root', path: 'ReelPilot/Backups' };
  if (key === 'renders') return { name: 'Renders', parent: 'root', path: 'ReelPilot/Renders' };
  const month = /^renders\/(\d{4}-\d{2})$/.exec(key)?.[1];
  if (month) return { name: month, parent: 'renders', path: `ReelPilot/Renders/${month}` };
  throw new Error(`Unknown Drive folder "${key}".`);
}

/**
 * ReelPilot's folders in the person's Drive, made on demand and remembered by id. A remembered id
 * is checked before use; one that went stale (deleted, trashed, another account) is looked up
 * again by its app property before anything is created, so a folder is never made twice. One
 * lookup per folder runs at a time.
 */
export class DriveFolders {
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly deps: {
      repository: StorageRepository;
      client: DriveClient;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** The folder's id in Drive, found or made (with its parents). */
  ensure(key: string, context: ReadContext): Promise<string> {
    const running = this.pending.get(key);
    if (running) return running;
    const work = this.resolve(key, context).finally(() => this.pending.delete(key));
    this.pending.set(key, work);
    return work;
  }

  private async resolve(key: string, context: ReadContext): Promise<string> {
    const spec = folderSpec(key);
    const { repository, client } = this.deps;
    const cached = await repository.folder(key);
    if (cached) {
      const file = await client.getFile(cached.folder_id, context);
      if (file && !file.trashed && file.appProperties[FOLDER_PROPERTY] === key) return file.id;
      this.deps.logger.info('remembered Drive folder is gone; looking for it again', { key });
      await repository.forgetFolder(key);
    }
    const parentId = spec.parent ? await this.ensure(spec.parent, context) : undefined;
    const found = await client.listFiles(
      { appProperties: { [FOLDER_PROPERTY]: key }, folders: true },
      context,
    );
    // Prefer the one in the expected place; the oldest when there are several.
    const candidates = [...found].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
    const chosen =
      candidates.find((file) => parentId === undefined || file.parents.includes(parentId)) ??
      candidates[0];
    const folder =
      chosen ??
      (await client.createFolder(
        { name: spec.name, parentId, appProperties: { [FOLDER_PROPERTY]: key } },
        context,
      ));
    await this.remember(key, folder);
    return folder.id;
  }

  private async remember(key: string, folder: DriveFileInfo): Promise<void> {
    await this.deps.repository.saveFolder({
      key,
      folder_id: folder.id,
      name: folder.name,
      web_link: folder.webViewLink,
      updated_at: this.deps.clock.now(),
    });
  }

  /** The folders known so far, for links on the screen. */
  async known(): Promise<DriveFolder[]> {
    const rows = await this.deps.repository.folders();
    const order = (key: string) =>
      key === 'root' ? 0 : key === 'backups' ? 1 : key === 'renders' ? 2 : 3;
    return rows
      .filter((row) => order(row.key) < 3)
      .sort((a, b) => order(a.key) - order(b.key))
      .map((row) => ({ key: row.key, path: folderSpec(row.key).path, url: row.web_link }));
  }

  /** Another account or a disconnection: remembered ids mean nothing any more. */
  forget(): Promise<void> {
    return this.deps.repository.forgetFolders();
  }
}
