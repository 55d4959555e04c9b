import { useMemo, useState } from 'react';
import type { Config, ConfigDraft, ConfigInput } from '../../../shared/domain/configs';
import { cx } from '../components/class-names';
import { Field, type FieldErrors } from '../components/field';
import { ScreenHeader } from '../components/screen';
import { useConfigs } from '../stores/configs-store';
import { notify } from '../stores/notices-store';
import { ConfigPreviewPanel } from './config-preview';
import { ContentSection, type MediaPickerSlot } from './content-section';
import { setIn, validateDraft } from './draft';
import styles from './editor.module.css';
import { OverlayAudioSection } from './overlay-audio-section';
import { DistributionSection, PlatformsSection } from './publishing-section';
import { ScheduleSection } from './schedule-section';
import { DriveCopySection } from './drive-copy-section';

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
  const [draft, setDraft] = useState<ConfigDraft>(initial);
  const [touched, setTouched] = useState<string[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const localErrors = useMemo(() => validateDraft(draft), [draft]);
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

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setShowAll(true);
    if (Object.keys(localErrors).length > 0) return;
    setSaving(true);
    const outcome = await saveConfig(id, draft as ConfigInput);
    setSaving(false);
    if (!outcome.ok) return setServerErrors(outcome.fields);
    const saved = outcome.value;
    notify(
      id ? 'Config saved' : 'Config created',
      saved.active ? `“${saved.name}” is scheduled.` : `“${saved.name}” is saved (paused).`,
    );
    onDone(saved);
  };

  return (
    <form onSubmit={save} aria-label={id ? 'Edit config' : 'New config'} noValidate>
      <ScreenHeader
        id="configs-title"
        title={id ? `Edit “${initial.name}”` : 'New config'}
        actions={
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            Back to the list
          </button>
        }
      />
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
        <button type="button" className="secondary" disabled={saving} onClick={() => onDone(null)}>
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
    </form>
  );
}
