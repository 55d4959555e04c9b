import { useRef, useState } from 'react';
import { displayHandle } from '../../../shared/domain/accounts';
import {
  platformIds,
  platformLabels,
  platformPostText,
  privacyByPlatform,
  templateProblems,
  type ConfigDraft,
  type PlatformId,
} from '../../../shared/domain/configs';
import {
  countHashtags,
  postTextRules,
  unitWords,
  usageOf,
  type TextUsage,
} from '../../../shared/domain/post-text';
import {
  assumedTemplateValues,
  fillTemplate,
  templateAssumption,
  type TemplateValues,
} from '../../../shared/domain/text-template';
import { cx } from '../components/class-names';
import { Field, optionsOf, SelectField, type FieldErrors } from '../components/field';
import { formatCount } from '../format';
import { mediaUrl } from '../media/media-url';
import { useMediaItems } from '../media/use-media-items';
import { useAccounts } from '../stores/accounts-store';
import styles from './composer.module.css';
import editorStyles from './editor.module.css';
import { privacyLabels } from './labels';
import { ListInput } from './list-input';
import { PostPreview } from './post-preview';
import type { SectionProps } from './schedule-section';
import { TemplateHelper, templateExamples } from './template-helper';

/** "231 / 280 characters": how much of a platform's limit the text uses, red when over. */
function Counter({ usage, testId }: { usage: TextUsage; testId: string }) {
  return (
    <small
      className={cx(styles.counter, usage.over ? 'error-text' : 'muted')}
      data-testid={testId}
      aria-live="polite"
    >
      {formatCount(usage.used)} / {formatCount(usage.max)} {unitWords[usage.unit]}
    </small>
  );
}

/** Values that show what a post of the first video of a run today would say. */
function exampleValues(draft: ConfigDraft, clipTitle: string | null): TemplateValues {
  const zone = draft.schedule.timeZone;
  const now = new Date();
  let date: string;
  try {
    date = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
  } catch {
    date = now.toISOString().slice(0, 10);
  }
  const rule = draft.schedule.rule;
  return {
    date,
    time: rule.kind === 'daily' ? (rule.times[0] ?? '09:00') : '09:00',
    index: '1',
    count: String(draft.distribution.videosPerRun),
    // Without a picked clip the clip's name is not known: the preview keeps the placeholder.
    title: clipTitle ?? '{title}',
    config: draft.name.trim() || 'New config',
  };
}

function PlatformComposer({
  id,
  draft,
  change,
  errors,
  example,
  thumbnailUrl,
  handle,
  copyToAll,
  listKey,
}: SectionProps & {
  id: PlatformId;
  example: TemplateValues;
  thumbnailUrl: string | null;
  handle: string;
  copyToAll(): void;
  listKey: number;
}) {
  const settings = draft.platforms[id];
  const rules = postTextRules[id];
  const set = (key: string, value: unknown) => change(['platforms', id, key], value);
  const captionRef = useRef<HTMLTextAreaElement | null>(null);
  const titleRef = useRef<HTMLInputElement | null>(null);

  // Counted as saving counts them (variables at their assumed lengths), flagged as typed.
  const counted = platformPostText(id, settings, assumedTemplateValues(draft.name));
  const shown = platformPostText(id, settings, example);
  // Flagged while the platform is on (saving refuses them then); the counters always show.
  const live = new Map<string, string>();
  for (const problem of settings.enabled ? templateProblems(id, settings, draft.name) : []) {
    const path = `platforms.${id}.${problem.field}`;
    if (!live.has(path)) live.set(path, problem.message);
  }
  const fieldErrors: FieldErrors = {
    of: (path) => live.get(path) ?? errors.of(path),
    touch: errors.touch,
  };
  const hashtags = countHashtags(counted.caption);
  const name = platformLabels[id];
  const captionLabel = rules.caption.label;

  return (
    <details
      className={cx(editorStyles.platform, styles.composer)}
      open={settings.enabled}
      data-testid={`composer-${id}`}
    >
      <summary>
        <label className={editorStyles.checkboxInline} onClick={(event) => event.stopPropagation()}>
          <input
            type="checkbox"
            checked={settings.enabled}
            onChange={(event) => set('enabled', event.target.checked)}
          />
          {name}
        </label>
        {live.size > 0 && (
          <small className="error-text">
            {' '}
            · {live.size === 1 ? '1 problem' : `${live.size} problems`}
          </small>
        )}
      </summary>
      <div className={styles.layout}>
        <div className={styles.fields}>
          {rules.title && counted.title !== undefined && (
            <Field
              label={`${name} title`}
              path={`platforms.${id}.titleTemplate`}
              errors={fieldErrors}
              hint={
                <Counter usage={usageOf(counted.title, rules.title)} testId={`${id}-title-count`} />
              }
            >
              {(props) => (
                <input
                  {...props}
                  ref={titleRef}
                  value={settings.titleTemplate}
                  placeholder="What the video is about, as people search for it"
                  onChange={(event) => set('titleTemplate', event.target.value)}
                />
              )}
            </Field>
          )}
          {rules.title && (
            <TemplateHelper
              control={titleRef}
              value={settings.titleTemplate}
              onChange={(value) => set('titleTemplate', value)}
              examples={templateExamples.title}
              label={`${name} title`}
            />
          )}
          <Field
            label={`${name} ${captionLabel}`}
            path={`platforms.${id}.captionTemplate`}
            errors={fieldErrors}
            hint={
              <span className={styles.counts}>
                <Counter
                  usage={usageOf(counted.caption, rules.caption)}
                  testId={`${id}-caption-count`}
                />
                <small className="muted">with the hashtags</small>
                <small
                  className={cx(
                    rules.maxHashtags !== null && hashtags > rules.maxHashtags
                      ? 'error-text'
                      : 'muted',
                  )}
                  data-testid={`${id}-hashtag-count`}
                >
                  {rules.maxHashtags === null
                    ? `${hashtags} ${hashtags === 1 ? 'hashtag' : 'hashtags'}`
                    : `${hashtags} / ${rules.maxHashtags} hashtags`}
                </small>
              </span>
            }
          >
            {(props) => (
              <textarea
                {...props}
                ref={captionRef}
                rows={3}
                value={settings.captionTemplate}
                placeholder={`Write the ${captionLabel} people will read`}
                onChange={(event) => set('captionTemplate', event.target.value)}
              />
            )}
          </Field>
          <TemplateHelper
            control={captionRef}
            value={settings.captionTemplate}
            onChange={(value) => set('captionTemplate', value)}
            examples={templateExamples.caption}
            label={`${name} ${captionLabel}`}
          />
          <div className={editorStyles.grid2}>
            <Field
              label={`${name} hashtags`}
              path={`platforms.${id}.hashtags`}
              errors={{
                of: (p) => fieldErrors.of(p) ?? fieldErrors.of(`${p}.0`),
                touch: errors.touch,
              }}
              hint="Separated by spaces or commas, with or without #; added after the text"
            >
              {(props) => (
                <ListInput
                  key={listKey}
                  {...props}
                  separators={/[,\s]+/}
                  value={settings.hashtags}
                  onChange={(tags) => set('hashtags', tags)}
                />
              )}
            </Field>
            <SelectField
              label={`${name} privacy`}
              path={`platforms.${id}.privacy`}
              errors={errors}
              value={settings.privacy}
              options={optionsOf(privacyByPlatform[id], (level) => privacyLabels[level])}
              onChange={(value) => set('privacy', value)}
            />
          </div>
          {id === 'youtube' && (
            <label className="field checkbox">
              <input
                type="checkbox"
                checked={settings.madeForKids}
                onChange={(event) => set('madeForKids', event.target.checked)}
              />
              <span>Made for kids (YouTube requires this declaration)</span>
            </label>
          )}
          <div className="row">
            <button type="button" className="secondary small" onClick={copyToAll}>
              Use this {captionLabel} and hashtags on every platform
            </button>
          </div>
        </div>
        <PostPreview
          platform={id}
          handle={handle}
          thumbnailUrl={thumbnailUrl}
          title={shown.title}
          caption={shown.caption}
        />
      </div>
    </details>
  );
}

/**
 * A composer per platform: only the fields the platform has (a title only on YouTube), counters
 * against its real limits as the person types (`shared/domain/post-text`), hashtag counts, and
 * how the post will look on its feed.
 */
export function PlatformsSection({ draft, change, errors }: SectionProps) {
  const accounts = useAccounts((state) => state.items);
  const firstClip = draft.content.sources.itemIds[0];
  const items = useMediaItems(firstClip ? [firstClip] : []);
  const clip = firstClip ? items?.get(firstClip) : undefined;
  const clipTitle = clip ? clip.name.replace(/\.[^.]+$/, '') : null;
  const example = exampleValues(draft, clipTitle);
  // Hashtag inputs keep what is typed; copying to every platform starts them again.
  const [listKey, setListKey] = useState(0);

  const handleOf = (id: PlatformId) => {
    const account = (accounts ?? []).find(
      (a) => a.platform === id && draft.distribution.accountIds.includes(a.id),
    );
    return account ? displayHandle(id, account.handle) : `Your ${platformLabels[id]} account`;
  };

  const copyToAll = (from: PlatformId) => {
    const source = draft.platforms[from];
    for (const id of platformIds) {
      if (id === from) continue;
      change(['platforms', id, 'captionTemplate'], source.captionTemplate);
      change(['platforms', id, 'hashtags'], source.hashtags);
    }
    setListKey((key) => key + 1);
  };

  return (
    <fieldset className={cx('card', editorStyles.section)}>
      <legend>Platforms and posts</legend>
      <p className="muted small">
        Each platform gets its own text, counted against its own limits as you type. Variables are
        counted at their longest ({templateAssumption}). Example values in the previews:{' '}
        {fillTemplate('{date}, {time}, video {index} of {count}', example)}.
      </p>
      {platformIds.map((id) => (
        <PlatformComposer
          key={id}
          id={id}
          draft={draft}
          change={change}
          errors={errors}
          example={example}
          thumbnailUrl={clip && clip.thumbnail === 'ready' ? mediaUrl(clip, 'thumbnail') : null}
          handle={handleOf(id)}
          copyToAll={() => copyToAll(id)}
          listKey={listKey}
        />
      ))}
    </fieldset>
  );
}
