import { z } from 'zod';
import {
  configDraftSchema,
  noPosts,
  type ConfigDraft,
  type ConfigRun,
  type RunPosts,
  type RunVideo,
} from '../../../shared/domain/configs';
import type { ConfigRunRow, ConfigRunVideoRow } from '../db/schema';
import { PermanentJobError } from '../jobs/jobs-module';
import type { ConfigRunWithVideos } from './run-repository';

const snapshotSchema = z.object({ config: configDraftSchema, configId: z.string() });

/** A JSON array of ids stored in a run video's column; anything else reads as none. */
export function parseJsonArray(text: string): string[] {
  const parsed = z.array(z.string()).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

function toVideo(row: ConfigRunVideoRow): RunVideo {
  return {
    id: row.id,
    position: row.position,
    state: row.state,
    jobId: row.job_id,
    accountIds: parseJsonArray(row.account_ids),
    mediaIds: parseJsonArray(row.media_ids),
    progress: row.progress,
    outputPath: row.output_path,
    durationMs: row.duration_ms,
    error: row.error,
    finishedAt: row.finished_at,
  };
}

export const finalVideoStates: ReadonlyArray<ConfigRunVideoRow['state']> = [
  'rendered',
  'failed',
  'cancelled',
];

/** The config as the run recorded it; a run from another version cannot be rendered. */
export function readSnapshot(run: ConfigRunRow): { config: ConfigDraft; configId: string } {
  const parsed = snapshotSchema.safeParse(JSON.parse(run.snapshot));
  if (!parsed.success) {
    throw new PermanentJobError(
      'This run was recorded by another version of ReelPilot and cannot be rendered. Start a new run.',
    );
  }
  return parsed.data;
}

/** Why Run now was refused: the run under way, and what to do. */
export function busyRunMessage(configName: string, busy: ConfigRunWithVideos): string {
  const rendered = busy.videos.filter((video) => video.state === 'rendered').length;
  const doing =
    busy.state === 'pending'
      ? 'starting'
      : `rendering (${rendered} of ${busy.videos.length} videos done)`;
  return `“${configName}” already has a run ${doing}. Wait for it to finish, or cancel it in the config's history, then run it again.`;
}

/** A finished run's state sums its videos up; its error is the first video's error. */
export function runOutcome(videos: ConfigRunVideoRow[]): {
  state: ConfigRunRow['state'];
  error: string | null;
} {
  const rendered = videos.filter((video) => video.state === 'rendered').length;
  const cancelled = videos.filter((video) => video.state === 'cancelled').length;
  const firstError = videos.find((video) => video.state === 'failed')?.error ?? null;
  const state =
    rendered === videos.length
      ? 'succeeded'
      : cancelled === videos.length
        ? 'cancelled'
        : rendered === 0 && cancelled === 0
          ? 'failed'
          : 'partial';
  return { state, error: state === 'succeeded' ? null : firstError };
}

export function toRunDto(run: ConfigRunWithVideos, posts: RunPosts = noPosts): ConfigRun {
  let configName = '';
  try {
    configName = readSnapshot(run).config.name;
  } catch {
    configName = '(unreadable config)';
  }
  return {
    id: run.id,
    configId: run.config_id,
    configName,
    trigger: run.trigger,
    scheduledFor: run.scheduled_for,
    missedCount: run.missed_count,
    state: run.state,
    error: run.error,
    createdAt: run.created_at,
    finishedAt: run.finished_at,
    videos: run.videos.map(toVideo),
    posts,
  };
}
