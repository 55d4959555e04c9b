import { useState } from 'react';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { Badge } from '../components/badge';
import { formatShortDateTime } from '../format';
import { useConfigs } from '../stores/configs-store';
import { notify } from '../stores/notices-store';
import { useSettings } from '../stores/settings-store';
import styles from './config-list.module.css';
import { describeRunPosts, describeSchedule, nextRunText, runStates, zoneName } from './labels';
import { isActiveRun, RunProgress } from './run-progress';

/** The last run: how rendering went, and what became of its posts. */
function LastRun({ run }: { run: NonNullable<Config['lastRun']> }) {
  const posts = describeRunPosts(run.posts);
  return (
    <div className={styles.lastRun} data-testid="last-run">
      <Badge tone={runStates[run.state].tone} title={run.error ?? undefined}>
        {run.state === 'succeeded' ? 'Rendered' : runStates[run.state].label} ·{' '}
        {formatShortDateTime(run.createdAt)}
      </Badge>
      {posts ? (
        <small
          className={posts.tone === 'danger' ? 'error-text' : 'muted'}
          title={run.posts.problems.join('\n') || undefined}
        >
          {posts.label}
        </small>
      ) : (
        run.state === 'succeeded' && (
          <small className="muted">Not posted: no chosen account on an enabled platform</small>
        )
      )}
    </div>
  );
}

/** Every config with its schedule, next run, last run or the run under way, and its actions. */
export function ConfigList({
  configs,
  runs,
  onEdit,
  onHistory,
}: {
  configs: Config[];
  runs: ConfigRun[];
  onEdit(id: string): void;
  onHistory(id: string): void;
}) {
  const switching = useConfigs((state) => state.switching);
  // Times read in the zone of Settings (the config's own zone is added where it differs).
  const zone =
    useSettings((state) => state.settings?.timeZone) ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { setActive, runNow, remove } = useConfigs((state) => state.actions);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const act = async (id: string, action: () => Promise<unknown>) => {
    setBusy(id);
    await action();
    setBusy(null);
  };

  return (
    <div className={`card ${styles.tableCard}`}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Config</th>
            <th scope="col">Next run</th>
            <th scope="col">Last run</th>
            <th scope="col">Automation</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {configs.map((config) => {
            const active = runs.find((run) => run.configId === config.id && isActiveRun(run));
            const on = switching[config.id] ?? config.active;
            const next = nextRunText(config, zone);
            return (
              <tr key={config.id} data-testid="config-row" data-item-id={config.id}>
                <th scope="row">
                  <div className={styles.name}>{config.name}</div>
                  <small className="muted">
                    {describeSchedule(config.schedule)} · {zoneName(config.schedule.timeZone)}
                  </small>
                </th>
                <td data-testid="next-run">
                  <div>{next.main}</div>
                  {next.own && <small className="muted">{next.own}</small>}
                </td>
                <td>
                  {active ? (
                    <RunProgress run={active} />
                  ) : config.lastRun ? (
                    <LastRun run={config.lastRun} />
                  ) : (
                    <span className="muted">Never run</span>
                  )}
                </td>
                <td>
                  {/* The switch moves at once; the engine's answer (or a failure) settles it. */}
                  <label className={styles.switch}>
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={config.id in switching}
                      aria-label={`Automation for ${config.name}`}
                      onChange={(event) => void setActive(config, event.target.checked)}
                    />
                    <span>{on ? 'On' : 'Off'}</span>
                  </label>
                </td>
                <td>
                  <div className={styles.actions}>
                    {confirmDelete === config.id ? (
                      <span className="row" role="group" aria-label="Confirm deletion">
                        <span>Delete it and its history?</span>
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            void act(config.id, async () => {
                              if (!(await remove(config))) return;
                              notify('Config deleted', `“${config.name}” is gone.`);
                              setConfirmDelete(null);
                            })
                          }
                        >
                          Delete
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setConfirmDelete(null)}
                        >
                          Keep
                        </button>
                      </span>
                    ) : (
                      <>
                        <button
                          type="button"
                          disabled={busy === config.id || Boolean(active)}
                          onClick={() => void act(config.id, () => runNow(config))}
                        >
                          Run now
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => onEdit(config.id)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => onHistory(config.id)}
                        >
                          History
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Delete ${config.name}`}
                          onClick={() => setConfirmDelete(config.id)}
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
