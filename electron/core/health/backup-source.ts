/**
 * What system health asks of backups: when the last one was made. The backup module implements
 * it and is handed to the health module in engine.ts; without one, system health says backups
 * are not available yet.
 */
export interface BackupSource {
  /** When the last good backup was made; null when none was made yet. */
  lastBackupAt(): Promise<number | null>;
}
