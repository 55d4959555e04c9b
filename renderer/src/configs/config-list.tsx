import { useState } from 'react';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { call } from '../api/api-client';
import { useConfigs } from '../stores/configs-store';
import { reportError, useNotices } from '../stores/notices-store';
import { describeSchedule, formatLocal, nextRunText, runStateLabels } from './format';
import { isActiveRun, RunProgress } from './run-progress';

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
  const push = useNotices((state) => state.push);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  // The switch moves at once; the engine's answer (or a failure) settles it.
  const [switching, setSwitching] = useState<Record<string, boolean>>({});

  const act = async (id: string, label: string, action: () => Promise<unknown>) => {
    setBusy(id);
    try {
      await action();
    } catch (error) {
      reportError(label, error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <table className="configs-table">
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
          return (
            <tr key={config.id} data-testid="config-row" data-item-id={config.id}>
              <th scope="row">
                <div className="config-name">{config.name}</div>
                <small className="muted">
                  {describeSchedule(config.schedule)} · {config.schedule.timeZone}
                </small>
              </th>
              <td data-testid="next-run">{nextRunText(config)}</td>
              <td>
                {active ? (
                  <RunProgress run={active} />
                ) : config.lastRun ? (
                  <span
                    className={`badge state-${config.lastRun.state}`}
                    title={config.lastRun.error ?? undefined}
                  >
                    {runStateLabels[config.lastRun.state]} · {formatLocal(config.lastRun.createdAt)}
                  </span>
                ) : (
                  <span className="muted">Never run</span>
                )}
              </td>
              <td>
                <label className="switch">
                  <input
                    type="checkbox"
                    checked={switching[config.id] ?? config.active}
                    disabled={config.id in switching}
                    aria-label={`Automation for ${config.name}`}
                    onChange={(event) => {
                      const active = event.target.checked;
                      setSwitching((state) => ({ ...state, [config.id]: active }));
                      call('configs:setActive', { id: config.id, active })
                        .then((saved) => useConfigs.getState().upsert(saved))
                        .catch((error: unknown) =>
                          reportError('Automation could not be changed', error),
                        )
                        .finally(() => setSwitching(({ [config.id]: _done, ...rest }) => rest));
                    }}
                  />
                  <span>{(switching[config.id] ?? config.active) ? 'On' : 'Off'}</span>
                </label>
              </td>
              <td className="actions">
                {confirmDelete === config.id ? (
                  <span className="row" role="group" aria-label="Confirm deletion">
                    <span>Delete it and its history?</span>
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        void act(config.id, 'The config was not deleted', async () => {
                          await call('configs:delete', { id: config.id });
                          push({
                            level: 'info',
                            title: 'Config deleted',
                            body: `“${config.name}” is gone.`,
                          });
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
                      onClick={() =>
                        void act(config.id, 'The run could not start', async () => {
                          await call('configs:executeNow', { id: config.id });
                        })
                      }
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
  );
}
