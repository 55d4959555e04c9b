import { useState } from 'react';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { Badge } from '../components/badge';
import { formatShortDateTime } from '../format';
import { useConfigs } from '../stores/configs-store';
import { notify } from '../stores/notices-store';
import styles from './config-list.module.css';
import { describeSchedule, nextRunText, runStates } from './labels';
import { isActiveRun, RunProgress } from './run-progress';

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
            return (
              <tr key={config.id} data-testid="config-row" data-item-id={config.id}>
                <th scope="row">
                  <div className={styles.name}>{config.name}</div>
                  <small className="muted">
                    {describeSchedule(config.schedule)} · {config.schedule.timeZone}
                  </small>
                </th>
                <td data-testid="next-run">{nextRunText(config)}</td>
                <td>
                  {active ? (
                    <RunProgress run={active} />
                  ) : config.lastRun ? (
                    <Badge
                      tone={runStates[config.lastRun.state].tone}
                      title={config.lastRun.error ?? undefined}
                    >
                      {runStates[config.lastRun.state].label} ·{' '}
                      {formatShortDateTime(config.lastRun.createdAt)}
                    </Badge>
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
                <td className={styles.actions}>
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
                      <button type="button" className="secondary" onClick={() => onEdit(config.id)}>
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
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
