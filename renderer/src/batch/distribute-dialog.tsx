import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import type { DistributePlan, DistributePlanInput } from '../../../shared/domain/batch';
import { privacyLevels, type PrivacyLevel } from '../../../shared/domain/configs';
import type { MediaItem } from '../../../shared/domain/media';
import { AccountPicker } from '../configs/account-picker';
import { plural } from '../format';
import { GalleryDialog } from '../media/gallery-dialog';
import { useAccounts } from '../stores/accounts-store';
import { useBatches } from '../stores/batch-store';
import { messageOf } from '../stores/domain-store';
import {
  BatchDialog,
  BatchDialogActions,
  BatchNameField,
  ConcurrencyField,
  useBatchCreation,
} from './batch-dialog-parts';
import styles from './batch.module.css';
import { SlotsTimeline } from './slots-timeline';
import { fromLocalInput, toLocalInput } from './start-field';

const DAY = 86_400_000;

/** Distribute library videos to accounts, at a time or spread over a window, with a slots preview. */
export function DistributeDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <BatchDialog open={open} onOpenChange={onOpenChange}>
      {(done) => <DistributeBody onDone={done} />}
    </BatchDialog>
  );
}

function DistributeBody({ onDone }: { onDone(): void }) {
  const { planDistribute, createDistribute } = useBatches((state) => state.actions);
  const { creating, create } = useBatchCreation(onDone);
  const accounts = useAccounts((state) => state.items) ?? [];
  const [name, setName] = useState('');
  const [videos, setVideos] = useState<MediaItem[]>([]);
  const [picking, setPicking] = useState(false);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [timing, setTiming] = useState<'spread' | 'at'>('spread');
  const [from, setFrom] = useState(() => toLocalInput(Date.now() + 5 * 60_000));
  const [to, setTo] = useState(() => toLocalInput(Date.now() + 7 * DAY));
  const [hoursOn, setHoursOn] = useState(true);
  const [hours, setHours] = useState({ from: '09:00', to: '21:00' });
  const [title, setTitle] = useState('');
  const [caption, setCaption] = useState('');
  const [hashtags, setHashtags] = useState('');
  const [privacy, setPrivacy] = useState<PrivacyLevel>('public');
  const [concurrency, setConcurrency] = useState(2);
  const [planned, setPlanned] = useState<{ key: string; plan: DistributePlan } | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);

  const fromAt = fromLocalInput(from);
  const toAt = fromAt === null ? null : timing === 'spread' ? fromLocalInput(to) : fromAt + 60_000;
  const windowError =
    fromAt === null || toAt === null
      ? 'Pick when the posts start and end.'
      : toAt <= fromAt
        ? 'The window must end after it starts.'
        : null;
  const dailyHours = timing === 'spread' && hoursOn ? hours : null;
  const hoursError =
    dailyHours && dailyHours.from >= dailyHours.to
      ? 'The daily hours must end after they start.'
      : null;
  const mediaIds = videos.map((v) => v.id);
  const ready = mediaIds.length > 0 && accountIds.length > 0 && !windowError && !hoursError;
  // What the plan is asked for, as one value: the effect plans again only when it changes.
  const planKey = ready
    ? JSON.stringify({ mediaIds, accountIds, timing, from: fromAt, to: toAt, dailyHours })
    : '';
  const plan = planned?.key === planKey ? planned.plan : null;

  useEffect(() => {
    if (!planKey) return;
    let current = true;
    const timer = setTimeout(() => {
      planDistribute(JSON.parse(planKey) as DistributePlanInput)
        .then((next) => {
          if (!current) return;
          setPlanned({ key: planKey, plan: next });
          setPlanError(null);
        })
        .catch((error: unknown) => current && setPlanError(messageOf(error)));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [planKey, planDistribute]);

  const submit = () =>
    create(async () => {
      const outcome = await createDistribute({
        name:
          name.trim() ||
          `${plural(videos.length, 'video')} to ${plural(accountIds.length, 'account')}`,
        mediaIds,
        accountIds,
        timing,
        from: fromAt ?? 0,
        to: toAt ?? 0,
        dailyHours,
        post: {
          title: title.trim(),
          caption: caption.trim(),
          hashtags: hashtags
            .split(/[\s,]+/)
            .map((t) => t.replace(/^#+/, ''))
            .filter(Boolean),
          privacy,
        },
        concurrency,
      });
      return outcome.ok ? outcome.value.id : null;
    });

  return (
    <>
      <Dialog.Title>Distribute videos</Dialog.Title>
      <div className={styles.columns}>
        <div>
          <BatchNameField value={name} onChange={setName} placeholder="Week of clips" />
          <div className="row">
            <button type="button" className="secondary" onClick={() => setPicking(true)}>
              {videos.length ? 'Change videos…' : 'Choose videos…'}
            </button>
            <span className="muted small" data-testid="chosen-videos">
              {videos.length
                ? `${plural(videos.length, 'video')}: ${videos.map((v) => v.name).join(', ')}`
                : 'No video chosen yet.'}
            </span>
          </div>
          <fieldset>
            <legend>Accounts</legend>
            <AccountPicker selected={accountIds} onChange={setAccountIds} />
          </fieldset>
          <fieldset>
            <legend>When</legend>
            <div className="row">
              <label className="field checkbox">
                <input
                  type="radio"
                  name="timing"
                  checked={timing === 'spread'}
                  onChange={() => setTiming('spread')}
                />
                <span>Spread over a window</span>
              </label>
              <label className="field checkbox">
                <input
                  type="radio"
                  name="timing"
                  checked={timing === 'at'}
                  onChange={() => setTiming('at')}
                />
                <span>All at one time (pacing spaces them)</span>
              </label>
            </div>
            <div className={styles.grid}>
              <label className="field">
                <span>{timing === 'spread' ? 'From' : 'At'}</span>
                <input
                  type="datetime-local"
                  value={from}
                  onChange={(event) => setFrom(event.target.value)}
                />
              </label>
              {timing === 'spread' && (
                <label className="field">
                  <span>Until</span>
                  <input
                    type="datetime-local"
                    value={to}
                    onChange={(event) => setTo(event.target.value)}
                  />
                </label>
              )}
            </div>
            {timing === 'spread' && (
              <div className="row">
                <label className="field checkbox">
                  <input
                    type="checkbox"
                    checked={hoursOn}
                    onChange={(event) => setHoursOn(event.target.checked)}
                  />
                  <span>Only between</span>
                </label>
                <input
                  type="time"
                  aria-label="Daily start"
                  value={hours.from}
                  onChange={(event) => setHours({ ...hours, from: event.target.value })}
                  disabled={!hoursOn}
                />
                <span>and</span>
                <input
                  type="time"
                  aria-label="Daily end"
                  value={hours.to}
                  onChange={(event) => setHours({ ...hours, to: event.target.value })}
                  disabled={!hoursOn}
                />
              </div>
            )}
            {(windowError ?? hoursError) && (
              <p className="error-text">{windowError ?? hoursError}</p>
            )}
          </fieldset>
          <fieldset>
            <legend>Post</legend>
            <div className={styles.grid}>
              <label className="field">
                <span>Title (YouTube needs one)</span>
                <input value={title} onChange={(event) => setTitle(event.target.value)} />
              </label>
              <label className="field">
                <span>Privacy</span>
                <select
                  value={privacy}
                  onChange={(event) => setPrivacy(event.target.value as PrivacyLevel)}
                >
                  {privacyLevels.map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="field">
              <span>Caption</span>
              <textarea
                rows={2}
                value={caption}
                onChange={(event) => setCaption(event.target.value)}
              />
            </label>
            <label className="field">
              <span>Hashtags</span>
              <input
                value={hashtags}
                onChange={(event) => setHashtags(event.target.value)}
                placeholder="#travel #beach"
              />
            </label>
            <ConcurrencyField
              label="Items at a time"
              value={concurrency}
              onChange={setConcurrency}
            />
          </fieldset>
        </div>
        <section aria-label="Where the posts go">
          <h3>Where the posts go</h3>
          {planError && (
            <p className="error-text" role="alert">
              The slots could not be planned: {planError}
            </p>
          )}
          {plan && fromAt !== null && toAt !== null && (
            <SlotsTimeline
              plan={plan}
              accounts={accounts}
              from={fromAt}
              to={toAt}
              mediaNames={Object.fromEntries(videos.map((v) => [v.id, v.name]))}
            />
          )}
          {!ready && (
            <p className="muted small">Choose videos and accounts to see where each post goes.</p>
          )}
        </section>
      </div>
      <BatchDialogActions
        label={
          creating
            ? 'Creating…'
            : plan
              ? `Create batch of ${plural(plan.slots.filter((s) => s.at !== null).length, 'post')}`
              : 'Create batch'
        }
        disabled={!ready || !plan || creating}
        onCreate={() => void submit()}
      />
      <GalleryDialog
        open={picking}
        onOpenChange={setPicking}
        title="Choose the videos to post"
        confirmLabel="Use these videos"
        kinds={['video']}
        onConfirm={(items) => {
          setVideos(items);
          setPicking(false);
        }}
      />
    </>
  );
}
