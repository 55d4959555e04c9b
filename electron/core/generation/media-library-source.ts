import path from 'node:path';
import {
  mediaOrigins,
  type MediaItem,
  type MediaKind,
  type MediaQuery,
} from '../../../shared/domain/media';
import type { MediaService } from '../media/media-module';
import type { MediaPick, MediaPickRequest, MediaSource } from './generation-ports';

type Library = Pick<MediaService, 'listIds' | 'getMany'>;

/** The title `{title}` stands for: the file name without its extension. */
export function titleOf(item: Pick<MediaItem, 'name'>): string {
  const ext = path.extname(item.name);
  return ext && ext !== item.name ? item.name.slice(0, -ext.length) : item.name;
}

export function toPick(item: MediaItem): MediaPick {
  return {
    id: item.id,
    path: item.path,
    kind: item.kind,
    durationMs: item.durationMs,
    title: titleOf(item),
  };
}

const sourceOrigins = mediaOrigins.filter((origin) => origin !== 'rendered');

/**
 * Config sources over the media library: an item matches when it was picked, carries one of the
 * tags, or sits in one of the folders. Missing files never match. The order is stable (picked
 * items in the order they were picked, then the rest oldest import first), so a sequential config
 * continues where its previous run stopped.
 */
export class MediaLibrarySource implements MediaSource {
  constructor(
    private readonly library: Library,
    private readonly random: () => number = Math.random,
  ) {}

  async pick(request: MediaPickRequest): Promise<MediaPick[]> {
    const matches = await this.matching(request);
    if (matches.length === 0) return [];
    const count = Math.min(request.count, matches.length);
    let chosen: string[];
    if (request.order === 'sequential') {
      chosen = Array.from(
        { length: count },
        (_, i) => matches[(request.offset + i) % matches.length] as string,
      );
    } else {
      const pool = [...matches];
      chosen = [];
      for (let i = 0; i < count; i += 1) {
        const index = Math.min(pool.length - 1, Math.floor(this.random() * pool.length));
        chosen.push(pool.splice(index, 1)[0] as string);
      }
    }
    const items = new Map((await this.library.getMany(chosen)).map((item) => [item.id, item]));
    return chosen.flatMap((id) => {
      const item = items.get(id);
      return item && !item.missing ? [toPick(item)] : [];
    });
  }

  /** How many usable items the sources name (the editor warns when fewer than clips). */
  async count(request: Pick<MediaPickRequest, 'sources' | 'kind'>): Promise<number> {
    return (await this.matching(request)).length;
  }

  /** Ids of every usable item the sources name, without repeats, in a stable order. */
  private async matching(request: Pick<MediaPickRequest, 'sources' | 'kind'>): Promise<string[]> {
    const kinds: MediaKind[] = request.kind === 'audio' ? ['audio'] : ['image', 'video'];
    const base: MediaQuery = {
      kinds,
      includeMissing: false,
      sort: 'imported',
      direction: 'asc',
    };
    const { tags, folders, itemIds } = request.sources;
    const ordered: string[] = [];
    const seen = new Set<string>();
    const add = (ids: readonly string[]) => {
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        ordered.push(id);
      }
    };
    if (itemIds.length > 0) {
      const usable = new Set(await this.library.listIds({ ...base, ids: [...itemIds] }));
      add(itemIds.filter((id) => usable.has(id)));
    }
    // Rendered videos are never a source unless picked one by one: they carry the config's name
    // as a tag and sit in the media folder, and re-rendering a render stacks its captions.
    const found: MediaQuery = { ...base, origins: sourceOrigins };
    // The library's tag filter wants every tag; a config wants any of them.
    for (const tag of tags) add(await this.library.listIds({ ...found, tags: [tag] }));
    for (const folder of folders) add(await this.library.listIds({ ...found, folder }));
    return ordered;
  }
}
