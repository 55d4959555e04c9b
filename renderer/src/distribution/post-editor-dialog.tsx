import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { privacyByPlatform, type PrivacyLevel } from '../../../shared/domain/configs';
import type { DistributionTarget } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import {
  checkPostText,
  composeCaption,
  countHashtags,
  postTextRules,
  usageOf,
} from '../../../shared/domain/post-text';
import { Modal } from '../components/modal';
import { privacyLabels } from '../configs/labels';
import { useDistribution } from '../stores/distribution-store';
import { PostHistory } from './post-history';
import styles from './post-editor.module.css';
import { TextCounter } from './text-counter';

/** Hashtags as typed ("#travel, lake") to the list the engine takes. */
export function parseHashtags(typed: string): string[] {
  return typed
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#+/, ''))
    .filter(Boolean);
}

const hashtagPattern = /^[\p{L}\p{N}_]+$/u;

/**
 * Edits a waiting or failed post's title, caption, hashtags and privacy with live counters
 * against its platform's limits (shared/domain/post-text, the rules the engine checks), then
 * saves it, or saves it and retries a failed post.
 */
export function PostEditorDialog({
  target,
  open,
  onOpenChange,
}: {
  target: DistributionTarget;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { editPost, retry } = useDistribution((state) => state.actions);
  const platform = target.platform;
  const name = platformNames[platform];
  const rules = postTextRules[platform];
  const [title, setTitle] = useState(target.post.title ?? '');
  const [text, setText] = useState(target.post.text);
  const [tags, setTags] = useState(target.post.hashtags.map((t) => `#${t}`).join(' '));
  const [privacy, setPrivacy] = useState<PrivacyLevel>(target.post.privacy);
  const [engineFields, setEngineFields] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const hashtags = parseHashtags(tags);
  const badTag = hashtags.find((tag) => !hashtagPattern.test(tag));
  const caption = composeCaption(text, hashtags);
  const problems = checkPostText(platform, name, {
    title: rules.title ? title : undefined,
    caption,
    tags: hashtags,
  });
  const live: Record<string, string> = {};
  for (const problem of problems) {
    const field =
      problem.field === 'caption' ? 'text' : problem.field === 'tags' ? 'hashtags' : 'title';
    live[field] ??= problem.message;
  }
  if (badTag) live.hashtags = `“${badTag}” is not a hashtag: use letters, digits and underscores.`;
  const messageOf = (field: string) =>
    live[field] ??
    Object.entries(engineFields).find(
      ([path]) => path === field || path.startsWith(`${field}.`),
    )?.[1];

  const privacyChoices: readonly PrivacyLevel[] = target.privacyNote
    ? ['private']
    : privacyByPlatform[platform];
  const failed = target.state === 'failed';
  const blocked = Object.keys(live).length > 0 || saving;

  async function save(andRetry: boolean) {
    setSaving(true);
    const outcome = await editPost({
      targetId: target.id,
      title: rules.title ? title : null,
      text,
      hashtags,
      privacy,
    });
    if (!outcome.ok) {
      setEngineFields(outcome.fields);
      setSaving(false);
      return;
    }
    setSaving(false);
    onOpenChange(false);
    if (andRetry) void retry(target.id);
  }

  const captionUsage = usageOf(caption, rules.caption);
  return (
    <Modal open={open} onOpenChange={onOpenChange} size="medium">
      <Dialog.Title>
        Edit the {name} post{target.accountHandle ? ` of ${target.accountHandle}` : ''}
      </Dialog.Title>
      <Dialog.Description className="muted small">
        {failed
          ? 'Fix what the platform refused, then save and retry.'
          : 'The post goes out at its time with what you save here.'}
      </Dialog.Description>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!blocked) void save(failed);
        }}
      >
        {target.edit.restartsUpload && (
          <p className={`warning-box small ${styles.note}`}>
            {name} took the old text with the upload, so saving starts this upload over.
          </p>
        )}
        {rules.title && (
          <div className="field">
            <div className={styles.fieldHead}>
              <label htmlFor="post-title">Title</label>
              <TextCounter id="post-title-count" usage={usageOf(title.trim(), rules.title)} />
            </div>
            <input
              id="post-title"
              value={title}
              aria-invalid={messageOf('title') ? true : undefined}
              aria-describedby="post-title-count post-title-error"
              onChange={(event) => setTitle(event.target.value)}
            />
            {messageOf('title') && (
              <small id="post-title-error" className="error-text">
                {messageOf('title')}
              </small>
            )}
          </div>
        )}
        <div className="field">
          <div className={styles.fieldHead}>
            <label htmlFor="post-text">
              {rules.caption.label === 'post'
                ? 'Text'
                : rules.caption.label[0]!.toUpperCase() + rules.caption.label.slice(1)}
            </label>
            <TextCounter id="post-text-count" usage={captionUsage} />
          </div>
          <textarea
            id="post-text"
            className={styles.caption}
            value={text}
            aria-invalid={messageOf('text') ? true : undefined}
            aria-describedby="post-text-count post-text-error"
            onChange={(event) => setText(event.target.value)}
          />
          <small className="muted">
            The count includes the hashtags, as the post carries them.
          </small>
          {messageOf('text') && (
            <small id="post-text-error" className="error-text">
              {messageOf('text')}
            </small>
          )}
        </div>
        <div className="field">
          <div className={styles.fieldHead}>
            <label htmlFor="post-hashtags">Hashtags</label>
            <small
              className={`${styles.counter} ${
                rules.maxHashtags !== null && countHashtags(caption) > rules.maxHashtags
                  ? 'error-text'
                  : 'muted'
              }`}
            >
              {rules.maxHashtags !== null
                ? `${countHashtags(caption)} / ${rules.maxHashtags} hashtags`
                : `${hashtags.length} ${hashtags.length === 1 ? 'hashtag' : 'hashtags'}`}
            </small>
          </div>
          <input
            id="post-hashtags"
            value={tags}
            placeholder="#travel #sunrise"
            aria-invalid={messageOf('hashtags') ? true : undefined}
            aria-describedby="post-hashtags-error"
            onChange={(event) => setTags(event.target.value)}
          />
          {messageOf('hashtags') && (
            <small id="post-hashtags-error" className="error-text">
              {messageOf('hashtags')}
            </small>
          )}
        </div>
        <div className="field">
          <label htmlFor="post-privacy">Who can see it</label>
          <select
            id="post-privacy"
            value={privacy}
            aria-invalid={messageOf('privacy') ? true : undefined}
            onChange={(event) => setPrivacy(event.target.value as PrivacyLevel)}
          >
            {privacyChoices.map((level) => (
              <option key={level} value={level}>
                {privacyLabels[level]}
              </option>
            ))}
          </select>
          {target.privacyNote && <small className="muted">{target.privacyNote}</small>}
          {messageOf('privacy') && <small className="error-text">{messageOf('privacy')}</small>}
        </div>
        <p className="muted small">Posted as:</p>
        <p className={styles.preview} data-testid="post-preview">
          {caption || <span className="muted">(no caption)</span>}
        </p>
        <div className="form-actions">
          {failed && (
            <button type="submit" disabled={blocked}>
              {saving ? 'Saving…' : 'Save and retry'}
            </button>
          )}
          <button
            type={failed ? 'button' : 'submit'}
            className={failed ? 'secondary' : undefined}
            disabled={blocked}
            onClick={failed ? () => void save(false) : undefined}
          >
            {saving && !failed ? 'Saving…' : 'Save'}
          </button>
          <Dialog.Close asChild>
            <button type="button" className="secondary">
              Cancel
            </button>
          </Dialog.Close>
        </div>
      </form>
      <PostHistory targetId={target.id} version={target.editedAt} />
    </Modal>
  );
}
