import { platformNames, type PlatformId } from '../../../../shared/domain/platforms';

/** "TikTok @beachlife": an account as alerts name it. */
export function accountName(platform: PlatformId, handle: string | null): string {
  return handle
    ? `${platformNames[platform]} @${handle.replace(/^@/, '')}`
    : platformNames[platform];
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
