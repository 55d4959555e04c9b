import type { ReactNode } from 'react';
import { statisticsItems } from '../../../shared/domain/alerts';
import type { SystemHealth } from '../../../shared/domain/health';
import { Badge, type StateLook } from '../components/badge';
import { cx } from '../components/class-names';
import { formatAgo, formatBytes, formatClock, formatDateTime, formatSpan } from '../format';
import styles from './health.module.css';
import { jobKindLabels } from './labels';

const schedulerLooks: Record<SystemHealth['scheduler']['state'], StateLook> = {
  running: { label: 'Running', tone: 'ok' },
  paused: { label: 'Paused', tone: 'muted' },
  stopped: { label: 'Stopped', tone: 'danger' },
};

function Tile({
  title,
  state,
  children,
}: {
  title: string;
  state?: StateLook;
  children: ReactNode;
}) {
  return (
    <div className={styles.tile}>
      <dt>
        {title}
        {state && <Badge tone={state.tone}>{state.label}</Badge>}
      </dt>
      {children}
    </div>
  );
}

function Scheduler({ health, now }: { health: SystemHealth; now: number }) {
  const { scheduler } = health;
  const look = scheduler.stalled
    ? { label: 'Stalled', tone: 'danger' as const }
    : schedulerLooks[scheduler.state];
  return (
    <Tile title="Scheduler" state={look}>
      <dd>
        {scheduler.lastTickAt === null
          ? 'Has not looked for due runs yet.'
          : `Last looked ${formatAgo(scheduler.lastTickAt, now)}`}
        {scheduler.nextCheckAt !== null && `, next by ${formatClock(scheduler.nextCheckAt, now)}`}
      </dd>
      <dd className="muted small">
        {scheduler.nextRun
          ? `Next run: “${scheduler.nextRun.configName}” at ${formatClock(scheduler.nextRun.at, now)}`
          : 'No run scheduled.'}
      </dd>
    </Tile>
  );
}

function Queue({ health, now }: { health: SystemHealth; now: number }) {
  const { kinds, running } = health.queue;
  const overdue = kinds.some((kind) => kind.overdue);
  const dead = kinds.reduce((sum, kind) => sum + kind.dead, 0);
  return (
    <div className={cx(styles.tile, styles.wideTile)}>
      <dt>
        Job queue
        {overdue ? (
          <Badge tone="danger">Stuck</Badge>
        ) : (
          <Badge tone="ok">{running.length > 0 ? 'Working' : 'Idle'}</Badge>
        )}
      </dt>
      {kinds.length === 0 ? (
        <dd className="muted">No jobs yet: renders, uploads and metric readings show here.</dd>
      ) : (
        <dd className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col" className={styles.number}>
                  Waiting
                </th>
                <th scope="col" className={styles.number}>
                  Later
                </th>
                <th scope="col" className={styles.number}>
                  Running
                </th>
                <th scope="col" className={styles.number}>
                  Gave up (30 days)
                </th>
                <th scope="col">Oldest waiting</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind.kind}>
                  <th scope="row">
                    {jobKindLabels[kind.kind] ?? kind.kind}{' '}
                    {kind.overdue && <Badge tone="danger">Overdue</Badge>}
                    {kind.held && <Badge tone="muted">Held</Badge>}
                  </th>
                  <td className={styles.number}>{kind.waiting}</td>
                  <td className={styles.number}>{kind.scheduled}</td>
                  <td className={styles.number}>{kind.running}</td>
                  <td className={styles.number}>{kind.dead}</td>
                  <td>
                    {kind.oldestWaitingSince === null
                      ? '—'
                      : `due ${formatAgo(kind.oldestWaitingSince, now)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </dd>
      )}
      {dead > 0 && (
        <dd className="muted small">Jobs that gave up are listed with their errors in Errors.</dd>
      )}
    </div>
  );
}

/**
 * The machine and the engine: the scheduler's heartbeat, the queue, ffmpeg, the disk, the
 * database, backups and the app.
 */
export function SystemHealthPanel({ health }: { health: SystemHealth }) {
  const now = health.at;
  const { disk, ffmpeg, backup, app, database } = health;
  const low = disk.freeBytes !== null && disk.freeBytes < disk.lowBytes;
  return (
    <section
      className={cx('card', styles.system)}
      aria-labelledby="system-health-title"
      data-item-id={statisticsItems.systemHealth}
    >
      <h2 id="system-health-title">System</h2>
      <dl className={styles.tiles}>
        <Scheduler health={health} now={now} />
        <Tile
          title="ffmpeg"
          state={
            ffmpeg.found ? { label: 'Found', tone: 'ok' } : { label: 'Missing', tone: 'danger' }
          }
        >
          <dd>{ffmpeg.found ? `Version ${ffmpeg.version ?? 'unknown'}` : ffmpeg.message}</dd>
          {ffmpeg.path && <dd className="muted small">{ffmpeg.path}</dd>}
        </Tile>
        <Tile
          title="Free disk space"
          state={
            disk.freeBytes === null
              ? { label: 'Unknown', tone: 'warning' }
              : low
                ? { label: 'Low', tone: 'danger' }
                : { label: 'OK', tone: 'ok' }
          }
        >
          <dd className={styles.value}>
            {disk.freeBytes === null ? '—' : formatBytes(disk.freeBytes)}
          </dd>
          <dd className="muted small">
            {disk.error ?? `Warns below ${formatBytes(disk.lowBytes)} · ${disk.dataDir}`}
          </dd>
        </Tile>
        <Tile title="Database">
          <dd className={styles.value}>{formatBytes(database.sizeBytes)}</dd>
          <dd className="muted small">{database.path}</dd>
        </Tile>
        <Tile
          title="Last backup"
          state={
            backup.available && backup.lastBackupAt === null
              ? { label: 'None yet', tone: 'warning' }
              : undefined
          }
        >
          {!backup.available ? (
            <dd className="muted">Backups are not available in this mode.</dd>
          ) : backup.lastBackupAt === null ? (
            <dd>No backup was made yet: make one in Settings → Storage &amp; backup.</dd>
          ) : (
            <dd title={formatDateTime(backup.lastBackupAt)}>
              {formatAgo(backup.lastBackupAt, now)}
            </dd>
          )}
        </Tile>
        <Tile title="ReelPilot">
          <dd>
            Version {app.version} · {app.mode === 'desktop' ? 'desktop app' : 'headless'}
          </dd>
          <dd className="muted small" title={formatDateTime(app.startedAt)}>
            Running for {formatSpan(app.uptimeMs)}
          </dd>
        </Tile>
        <Queue health={health} now={now} />
      </dl>
    </section>
  );
}
