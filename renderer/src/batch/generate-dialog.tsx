import * as Dialog from '@radix-ui/react-dialog';
import { useState, type ChangeEvent } from 'react';
import { TOPIC_VARIABLE, topicLines } from '../../../shared/domain/batch';
import { plural } from '../format';
import { useBatches } from '../stores/batch-store';
import { useConfigs } from '../stores/configs-store';
import { useDomain } from '../stores/domain-store';
import {
  BatchDialog,
  BatchDialogActions,
  BatchNameField,
  ConcurrencyField,
  useBatchCreation,
} from './batch-dialog-parts';
import styles from './batch.module.css';
import { fromLocalInput, StartField } from './start-field';

const PREVIEW_LINES = 5;

/** Many videos from one config: N of them, or one per line of a topic list filling {topic}. */
export function GenerateDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <BatchDialog open={open} onOpenChange={onOpenChange}>
      {(done) => <GenerateBody onDone={done} />}
    </BatchDialog>
  );
}

function GenerateBody({ onDone }: { onDone(): void }) {
  useDomain(useConfigs);
  const configs = useConfigs((state) => state.items);
  const { createGenerate } = useBatches((state) => state.actions);
  const { creating, create } = useBatchCreation(onDone);
  const [name, setName] = useState('');
  const [configId, setConfigId] = useState('');
  const [mode, setMode] = useState<'count' | 'topics'>('topics');
  const [count, setCount] = useState(5);
  const [topicText, setTopicText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [caption, setCaption] = useState(TOPIC_VARIABLE);
  const [title, setTitle] = useState(TOPIC_VARIABLE);
  const [overlay, setOverlay] = useState(TOPIC_VARIABLE);
  const [distribute, setDistribute] = useState(true);
  const [start, setStart] = useState('');
  const [concurrency, setConcurrency] = useState(1);

  const config = configs?.find((c) => c.id === configId) ?? null;
  const topics = topicLines(topicText);
  const videos = mode === 'topics' ? topics.length : count;
  const accounts = config?.distribution.accountIds.length ?? 0;
  const startAt = fromLocalInput(start);
  const ready =
    config !== null && videos > 0 && videos <= 500 && (!distribute || accounts > 0) && !creating;

  const switchMode = (next: 'count' | 'topics') => {
    setMode(next);
    // {topic} means nothing without a list: the fields fall back to the config's own text.
    const swap = (value: string) =>
      next === 'count' && value === TOPIC_VARIABLE
        ? ''
        : next === 'topics' && value === ''
          ? TOPIC_VARIABLE
          : value;
    setCaption(swap);
    setTitle(swap);
    setOverlay(swap);
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      setTopicText(await file.text());
      setFileError(null);
    } catch {
      setFileError(`${file.name} could not be read. Save it as UTF-8 text or CSV and try again.`);
    }
  };

  const submit = (chosen: NonNullable<typeof config>) =>
    create(async () => {
      const outcome = await createGenerate({
        name: name.trim() || `${plural(videos, 'video')} from ${chosen.name}`,
        configId: chosen.id,
        mode,
        count,
        topics: mode === 'topics' ? topics : [],
        templates: { caption: caption.trim(), title: title.trim(), overlay: overlay.trim() },
        distribute,
        startAt,
        concurrency,
      });
      return outcome.ok ? outcome.value.id : null;
    });

  return (
    <>
      <Dialog.Title>Generate videos</Dialog.Title>
      <div className={styles.columns}>
        <div>
          <BatchNameField value={name} onChange={setName} placeholder="A month of tips" />
          <label className="field">
            <span>Config</span>
            <select value={configId} onChange={(event) => setConfigId(event.target.value)}>
              <option value="">Choose a config…</option>
              {(configs ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {configs && configs.length === 0 && (
              <small className="muted">
                Create a config first: it says what each video is made of.
              </small>
            )}
          </label>
          <fieldset>
            <legend>Videos</legend>
            <div className="row">
              <label className="field checkbox">
                <input
                  type="radio"
                  name="generate-mode"
                  checked={mode === 'topics'}
                  onChange={() => switchMode('topics')}
                />
                <span>One per topic</span>
              </label>
              <label className="field checkbox">
                <input
                  type="radio"
                  name="generate-mode"
                  checked={mode === 'count'}
                  onChange={() => switchMode('count')}
                />
                <span>A number of variants</span>
              </label>
            </div>
            {mode === 'count' ? (
              <label className="field">
                <span>How many videos</span>
                <input
                  type="number"
                  min={1}
                  max={500}
                  value={count}
                  onChange={(event) =>
                    setCount(Math.min(500, Math.max(1, Number(event.target.value) || 1)))
                  }
                />
                <small className="muted">
                  Each picks its clips and order as the config’s runs do, so no two are alike.
                </small>
              </label>
            ) : (
              <>
                <label className="field">
                  <span>Topics, one per line</span>
                  <textarea
                    rows={5}
                    value={topicText}
                    onChange={(event) => setTopicText(event.target.value)}
                    placeholder={'Tide pools\nNight swim\nSunrise run'}
                  />
                </label>
                <label className="field">
                  <span>Or load a text or CSV file (first column)</span>
                  <input type="file" accept=".txt,.csv,text/plain,text/csv" onChange={readFile} />
                </label>
                {fileError && <p className="error-text">{fileError}</p>}
              </>
            )}
          </fieldset>
          <fieldset>
            <legend>Text of each video</legend>
            <p className="muted small">
              {mode === 'topics'
                ? `${TOPIC_VARIABLE} is replaced by the line. Blank: the config’s own text.`
                : 'Blank: the config’s own text.'}{' '}
              The config’s variables ({'{title}'}, {'{index}'}, {'{date}'}…) work too; the config
              itself is not changed.
            </p>
            <label className="field">
              <span>Caption</span>
              <input value={caption} onChange={(event) => setCaption(event.target.value)} />
            </label>
            <div className={styles.grid}>
              <label className="field">
                <span>Title</span>
                <input value={title} onChange={(event) => setTitle(event.target.value)} />
              </label>
              <label className="field">
                <span>Text over the video</span>
                <input value={overlay} onChange={(event) => setOverlay(event.target.value)} />
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Posting and timing</legend>
            <label className="field checkbox">
              <input
                type="checkbox"
                checked={distribute}
                onChange={(event) => setDistribute(event.target.checked)}
              />
              <span>
                Post each video to the config’s accounts
                {config ? ` (${plural(accounts, 'account')})` : ''}
              </span>
            </label>
            {distribute && config && accounts === 0 && (
              <p className="error-text">
                {config.name} posts to no account. Add accounts to it, or only render.
              </p>
            )}
            <div className={styles.grid}>
              <StartField value={start} onChange={setStart} />
              <ConcurrencyField
                label="Videos at a time"
                value={concurrency}
                onChange={setConcurrency}
              />
            </div>
          </fieldset>
        </div>
        <section aria-label="What will be made">
          <h3>What will be made</h3>
          {mode === 'topics' ? (
            topics.length === 0 ? (
              <p className="muted small">Paste topics to see the first lines here.</p>
            ) : (
              <>
                <p data-testid="topic-count">
                  {plural(topics.length, 'video')}, one per line. Each line fills{' '}
                  <code>{TOPIC_VARIABLE}</code>.
                </p>
                <ol className={styles.topicPreview} aria-label="First topics">
                  {topics.slice(0, PREVIEW_LINES).map((topic, index) => (
                    <li key={index}>
                      <span>{topic}</span>
                      <span className="muted small">
                        {caption.includes(TOPIC_VARIABLE)
                          ? caption.replaceAll(TOPIC_VARIABLE, topic)
                          : 'The config’s caption'}
                      </span>
                    </li>
                  ))}
                </ol>
                {topics.length > PREVIEW_LINES && (
                  <p className="muted small">
                    and {plural(topics.length - PREVIEW_LINES, 'more line')}.
                  </p>
                )}
                {topics.length > 500 && (
                  <p className="error-text">At most 500 topics in one batch.</p>
                )}
              </>
            )
          ) : (
            <p>{plural(count, 'video')} from the config.</p>
          )}
          {config && (
            <p className="muted small">
              Rendered from {config.name} as its runs are
              {distribute ? ', then posted to its accounts within their pacing' : ', not posted'}.
            </p>
          )}
        </section>
      </div>
      <BatchDialogActions
        label={creating ? 'Creating…' : `Create batch of ${plural(videos, 'video')}`}
        disabled={!ready}
        onCreate={() => config && void submit(config)}
      />
    </>
  );
}
