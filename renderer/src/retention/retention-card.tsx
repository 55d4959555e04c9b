import { useState } from 'react';
import type { RetentionPolicy, RetentionStatus } from '../../../shared/domain/retention';
import { ConfirmDialog } from '../components/confirm-dialog';
import { NumberField, shownErrors } from '../components/field';
import { LoadFailure, Loading } from '../components/load-state';
import { formatBytes, formatDateTime } from '../format';
import { useDomain } from '../stores/domain-store';
import { notify } from '../stores/notices-store';
import { useRetention } from '../stores/retention-store';
import { describeCleanUp } from './labels';
import styles from './retention-card.module.css';

/** What the form edits: the number of days for rendered videos stays while the box is off. */
interface Draft {
  metricsKeepDays: number;
  metricsDailyAfterDays: number;
  runHistoryKeepDays: number;
  deleteRendered: boolean;
  renderedAfterDays: number;
}

/** The kept days of the policy, each with its floor (the engine's schema refuses less). */
const dayFields: ReadonlyArray<{
  key: 'metricsKeepDays' | 'metricsDailyAfterDays' | 'runHistoryKeepDays';
  label: string;
  hint: string;
  min: number;
}> = [
  {
    key: 'metricsKeepDays',
    label: 'Keep metrics history (days)',
    hint: 'Older readings of views, likes and comments are deleted. 730 days is two years.',
    min: 30,
  },
  {
    key: 'metricsDailyAfterDays',
    label: 'Keep every metrics reading for (days)',
    hint: 'After that, one reading a day (the day’s last) is kept: the curves stay, the detail goes.',
    min: 7,
  },
  {
    key: 'runHistoryKeepDays',
    label: 'Keep run history (days)',
    hint: 'Finished config runs, and each account’s post and error history. A run still going is always kept.',
    min: 35,
  },
];

function draftOf(policy: RetentionPolicy): Draft {
  return {
    metricsKeepDays: policy.metricsKeepDays,
    metricsDailyAfterDays: policy.metricsDailyAfterDays,
    runHistoryKeepDays: policy.runHistoryKeepDays,
    deleteRendered: policy.renderedFilesDeleteAfterDays !== null,
    renderedAfterDays: policy.renderedFilesDeleteAfterDays ?? 30,
  };
}

function policyOf(draft: Draft): RetentionPolicy {
  return {
    metricsKeepDays: draft.metricsKeepDays,
    metricsDailyAfterDays: draft.metricsDailyAfterDays,
    runHistoryKeepDays: draft.runHistoryKeepDays,
    renderedFilesDeleteAfterDays: draft.deleteRendered ? draft.renderedAfterDays : null,
  };
}

/**
 * Settings → Data kept: how much room the data takes and is left on its disk, how long metrics,
 * run history and rendered videos are kept, and the daily clean-up that applies it.
 */
export function RetentionCard() {
  const retention = useRetention((state) => state.retention);
  const error = useRetention((state) => state.error);
  const { load } = useRetention((state) => state.actions);
  // The free space changes by itself: read again every minute, and every few seconds while a
  // clean-up runs, so its end shows even if its push was missed.
  useDomain(useRetention, retention?.pending ? 5_000 : 60_000);

  if (!retention) {
    return (
      <section className="card" aria-label="Data kept">
        <h2>Data kept</h2>
        {error ? (
          <LoadFailure what="What is kept" error={error} onRetry={() => void load()} />
        ) : (
          <Loading>Loading…</Loading>
        )}
      </section>
    );
  }
  // Remounted when the saved policy changes, so the draft starts from it; a clean-up's progress
  // leaves a draft being typed alone.
  return <RetentionForm key={JSON.stringify(retention.policy)} status={retention} />;
}

function RetentionForm({ status }: { status: RetentionStatus }) {
  const { save, runNow } = useRetention((state) => state.actions);
  const [draft, setDraft] = useState<Draft>(() => draftOf(status.policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const dirty = JSON.stringify(policyOf(draft)) !== JSON.stringify(status.policy);
  const shown = shownErrors(errors);

  const commit = async () => {
    setSaving(true);
    setErrors({});
    const outcome = await save(policyOf(draft));
    setConfirming(false);
    if (outcome.ok) notify('What is kept saved', 'The next clean-up applies it.');
    else setErrors(outcome.fields);
    setSaving(false);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const before = status.policy.renderedFilesDeleteAfterDays;
    const after = policyOf(draft).renderedFilesDeleteAfterDays;
    // Deleting files cannot be undone: asked once more when it starts or comes sooner.
    if (after !== null && (before === null || after < before)) setConfirming(true);
    else void commit();
  };

  const cleanUp = async () => {
    setStarting(true);
    await runNow();
    setStarting(false);
  };

  const { storage, lastRun } = status;
  return (
    <form className="card" onSubmit={submit} aria-label="Data kept" noValidate>
      <h2>Data kept</h2>
      <dl className={styles.storage} aria-label="Storage">
        <div>
          <dt>Database</dt>
          <dd>{formatBytes(storage.databaseBytes)}</dd>
        </div>
        <div>
          <dt>Free on its disk</dt>
          <dd>{storage.freeBytes === null ? 'unknown' : formatBytes(storage.freeBytes)}</dd>
        </div>
      </dl>
      <p className="muted small">
        In <code className={styles.path}>{storage.dataDir}</code>
        {storage.freeBytes === null && ' (the free space could not be read; see the log)'}. Metrics
        are read every few minutes for every post, so history grows without end unless it is thinned
        and deleted.
      </p>

      {dayFields.map((field) => (
        <NumberField
          key={field.key}
          label={field.label}
          path={field.key}
          errors={shown}
          hint={field.hint}
          min={field.min}
          max={3650}
          step={1}
          value={draft[field.key]}
          onChange={(days) => setDraft({ ...draft, [field.key]: days })}
        />
      ))}
      <label className="field checkbox">
        <input
          type="checkbox"
          name="deleteRendered"
          checked={draft.deleteRendered}
          onChange={(event) => setDraft({ ...draft, deleteRendered: event.target.checked })}
        />
        <span>Delete rendered videos once every post of them succeeded</span>
      </label>
      <NumberField
        label="Delete them after (days)"
        path="renderedFilesDeleteAfterDays"
        errors={shown}
        hint="Only videos ReelPilot rendered: your own files and library copies are never deleted, nor a video a post still waits for or may retry. The posts and their metrics stay."
        min={1}
        max={3650}
        step={1}
        disabled={!draft.deleteRendered}
        value={draft.renderedAfterDays}
        onChange={(renderedAfterDays) => setDraft({ ...draft, renderedAfterDays })}
      />
      <div className="form-actions">
        <button type="submit" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save what is kept'}
        </button>
      </div>

      <div className={styles.cleanUp}>
        <p className="muted small" role="status" aria-label="Clean-up">
          {status.pending
            ? 'Cleaning up… old data is removed in small steps, so ReelPilot stays responsive.'
            : lastRun
              ? `Last clean-up ${formatDateTime(lastRun.at)}: ${describeCleanUp(lastRun)}`
              : 'No clean-up yet: the first runs a few minutes after ReelPilot starts, then once a day.'}
        </p>
        <button
          type="button"
          className="secondary"
          disabled={status.pending || starting}
          onClick={() => void cleanUp()}
        >
          Clean up now
        </button>
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Delete rendered videos after ${draft.renderedAfterDays} days?`}
        body={`At each clean-up, videos ReelPilot rendered whose every post succeeded more than ${draft.renderedAfterDays} days ago are deleted from the data folder and removed from the library. Their posts and metrics stay. Deleted videos cannot be brought back.`}
        confirmLabel="Delete after that"
        busy={saving}
        onConfirm={() => void commit()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
