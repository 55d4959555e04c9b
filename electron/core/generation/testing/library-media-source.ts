import type { MediaPick, MediaPickRequest, MediaSource } from '../generation-ports';

export interface LibraryItem extends MediaPick {
  tags: string[];
  folder: string;
}

/**
 * A small, complete MediaSource over a list of items, for tests until the media library lands:
 * it filters by tags, folders and ids, and honours random and sequential order.
 */
export class ListMediaSource implements MediaSource {
  readonly requests: MediaPickRequest[] = [];

  constructor(
    private readonly items: LibraryItem[],
    private readonly random: () => number = Math.random,
  ) {}

  async pick(request: MediaPickRequest): Promise<MediaPick[]> {
    this.requests.push(request);
    const { tags, folders, itemIds } = request.sources;
    const wanted = (item: LibraryItem) =>
      (request.kind === 'audio' ? item.kind === 'audio' : item.kind !== 'audio') &&
      (itemIds.includes(item.id) ||
        item.tags.some((tag) => tags.includes(tag)) ||
        folders.some((folder) => item.folder === folder || item.folder.startsWith(`${folder}/`)));
    const matches = this.items.filter(wanted);
    if (itemIds.length > 0 && tags.length === 0 && folders.length === 0) {
      matches.sort((a, b) => itemIds.indexOf(a.id) - itemIds.indexOf(b.id));
    }
    if (matches.length === 0) return [];
    const count = Math.min(request.count, matches.length);
    if (request.order === 'sequential') {
      return Array.from({ length: count }, (_, i) =>
        strip(matches[(request.offset + i) % matches.length] as LibraryItem),
      );
    }
    const pool = [...matches];
    const picked: MediaPick[] = [];
    for (let i = 0; i < count; i += 1) {
      const index = Math.min(pool.length - 1, Math.floor(this.random() * pool.length));
      picked.push(strip(pool.splice(index, 1)[0] as LibraryItem));
    }
    return picked;
  }
}

function strip(item: LibraryItem): MediaPick {
  return {
    id: item.id,
    path: item.path,
    kind: item.kind,
    durationMs: item.durationMs,
    title: item.title,
  };
}
