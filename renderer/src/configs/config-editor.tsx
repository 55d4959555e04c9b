import { useEffect, useMemo, useRef, useState } from 'react';
import type { Config, ConfigDraft, ConfigInput } from '../../../shared/domain/configs';
import { cx } from '../components/class-names';
import { Field, type FieldErrors } from '../components/field';
import { ScreenHeader } from '../components/screen';
import { formatDateTime } from '../format';
import { useConfigs } from '../stores/configs-store';
import { useNavigation } from '../stores/navigation-store';
import { notify } from '../stores/notices-store';
import { ConfigPreviewPanel } from './config-preview';
import { ContentSection, type MediaPickerSlot } from './content-section';
import { DiscardDialog } from './discard-dialog';
import { setIn, validateDraft } from './draft';
import { forgetDraft, keepDraft, keptDraft, sameDraft, type KeptDraft } from './draft-storage';
import styles from './editor.module.css';
import { OverlayAudioSection } from './overlay-audio-section';
import { PlatformsSection } from './platform-composer';
import { DistributionSection } from './publishing-section';
import { ScheduleSection } from './schedule-section';
import { DriveCopySection } from './drive-copy-section';

const nameKey = (name: string) => name.trim().toLocaleLowerCase();

export function ConfigEditor({
  id,
  initial,
  onDone,
  mediaPicker,
}: {
  /** Null for a new config. */
  id: string | null;
  initial: ConfigDraft;
  onDone(saved: Config | null): void;
  mediaPicker?: MediaPickerSlot | undefined;
}) {
  const { save: saveConfig } = useConfigs((state) => state.actions);
  const configs = useConfigs((state) => state.items);
  const { setLeaveGuard } = useNavigation((state) => state.actions);
  const [draft, setDraft] = useState<ConfigDraft>(initial);
  const [touched, setTouched] = useState<string[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  // Unsaved edits kept from an earlier visit, offered back until answered.
  const [offer, setOffer] = useState<KeptDraft | null>(() => {
    const kept = keptDraft(id);
    return kept && !sameDraft(kept.draft, initial) ? kept : null;
  });
  // What to do once the person has answered the discard question.
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const dirty = !sameDraft(draft, initial);

  useEffect(() => {
    if (dirty) keepDraft(id, draft);
    else if (!offer) forgetDraft(id);
  }, [id, draft, dirty, offer]);

  // The sidebar asks too: leaving the screen with unsaved edits goes through the same question.
  const ask = useRef((leave: () => void) => setLeaving(() => leave));
  useEffect(() => {
    setLeaveGuard(dirty ? ask.current : null);
    return () => setLeaveGuard(null);
  }, [dirty, setLeaveGuard]);

  const localErrors = useMemo(() => {
    const found = validateDraft(draft);
    const twin = configs?.find(
      (config) => config.id !== id && nameKey(config.name) === nameKey(draft.name),
    );
    if (twin && draft.name.trim() !== '')
      found.name ??= `A config named “${twin.name}” already exists. Choose another name.`;
    return found;
  }, [draft, configs, id]);
  const allErrors = { ...localErrors, ...serverErrors };
  const errorCount = Object.keys(allErrors).length;

  const errors: FieldErrors = {
    of(path) {
      const message = allErrors[path];
      if (!message) return undefined;
      if (showAll || path in serverErrors) return message;
      return touched.some((t) => path.startsWith(t) || t.startsWith(path)) ? message : undefined;
    },
    touch: (path) => setTouched((list) => (list.includes(path) ? list : [...list, path])),
  };

  const change = (path: Array<string | number>, value: unknown) => {
    setDraft((current) => setIn(current, path, value));
    const key = path.join('.');
    errors.touch(key);
    setServerErrors((current) => {
      const next = { ...current };
      for (const errorPath of Object.keys(next))
        if (errorPath.startsWith(key)) delete next[errorPath];
      return next;
    });
  };

  /** Leaves the editor, asking first when something is unsaved. */
  const leave = () => {
    if (dirty) setLeaving(() => () => onDone(null));
    else onDone(null);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setShowAll(true);
    if (Object.keys(localErrors).length > 0) return;
    setSaving(true);
    const outcome = await saveConfig(id, draft as ConfigInput);
    setSaving(false);
    if (!outcome.ok) return setServerErrors(outcome.fields);
    forgetDraft(id);
    setLeaveGuard(null);
    const saved = outcome.value;
    notify(
      id ? 'Config saved' : 'Config created',
      saved.active ? `“${saved.name}” is scheduled.` : `“${saved.name}” is saved (paused).`,
    );
    onDone(saved);
  };

  const answer = (discard: boolean) => {
    const then = leaving;
    setLeaving(null);
    if (discard) forgetDraft(id);
    setLeaveGuard(null);
    then?.();
  };

  return (
    <form onSubmit={save} aria-label={id ? 'Edit config' : 'New config'} noValidate>
      <ScreenHeader
        id="configs-title"
        title={id ? `Edit “${initial.name}”` : 'New config'}
        actions={
          <button type="button" className="secondary" onClick={leave}>
            Back to the list
          </button>
        }
      />
      {offer && (
        <div className={cx('warning-box', styles.offer)} role="status" aria-label="Kept draft">
          <span>
            Unsaved changes from {formatDateTime(offer.savedAt)} were kept for{' '}
            {id ? 'this config' : 'a new config'}.
          </span>
          <button
            type="button"
            onClick={() => {
              setDraft(offer.draft);
              setOffer(null);
            }}
          >
            Restore them
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              forgetDraft(id);
              setOffer(null);
            }}
          >
            Discard them
          </button>
        </div>
      )}
      <fieldset className={cx('card', styles.section)}>
        <legend>General</legend>
        <Field label="Name" path="name" errors={errors}>
          {(props) => (
            <input
              {...props}
              value={draft.name}
              maxLength={80}
              onChange={(event) => change(['name'], event.target.value)}
            />
          )}
        </Field>
      </fieldset>
      <ScheduleSection draft={draft} change={change} errors={errors} />
      <ContentSection draft={draft} change={change} errors={errors} mediaPicker={mediaPicker} />
      <OverlayAudioSection draft={draft} change={change} errors={errors} />
      <ConfigPreviewPanel
        draft={draft}
        invalid={Object.keys(localErrors).length > 0}
        onInvalid={() => setShowAll(true)}
      />
      <PlatformsSection draft={draft} change={change} errors={errors} />
      <DistributionSection draft={draft} change={change} errors={errors} />
      <DriveCopySection draft={draft} change={change} errors={errors} />
      <div className={cx('form-actions', styles.stickyActions)}>
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : id ? 'Save changes' : 'Create config'}
        </button>
        <button type="button" className="secondary" disabled={saving} onClick={leave}>
          Cancel
        </button>
        {showAll && errorCount > 0 && (
          <span className="error-text" role="alert">
            {errorCount === 1
              ? 'Fix the highlighted field to save.'
              : `Fix the ${errorCount} highlighted fields to save.`}
          </span>
        )}
      </div>
      <DiscardDialog
        open={leaving !== null}
        name={draft.name.trim() || initial.name || 'the new config'}
        onKeepEditing={() => setLeaving(null)}
        onKeepDraft={() => answer(false)}
        onDiscard={() => answer(true)}
      />
    </form>
  );
}
