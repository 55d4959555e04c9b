import { useEffect, useState, type ReactNode } from 'react';
import {
  aspects,
  hasMediaSources,
  motions,
  stylePresets,
  transitionTypes,
  type MediaSources,
} from '../../../shared/domain/configs';
import { useConfigs } from '../stores/configs-store';
import { messageOf } from '../stores/domain-store';
import { Field, GroupError, NumberField, optionsOf, SelectField } from '../components/field';
import { ListInput } from './list-input';
import type { SectionProps } from './schedule-section';
import { cx } from '../components/class-names';
import styles from './editor.module.css';

/** Slot for the media library's picker (the GalleryDialog; tests may render something else). */
export type MediaPickerSlot = (props: {
  selected: string[];
  onChange(ids: string[]): void;
}) => ReactNode;

const motionLabels: Record<(typeof motions)[number], string> = {
  kenBurnsIn: 'Ken Burns, zoom in',
  kenBurnsOut: 'Ken Burns, zoom out',
  pan: 'Pan',
  none: 'None',
};
const transitionLabels: Record<(typeof transitionTypes)[number], string> = {
  none: 'None (hard cut)',
  fade: 'Fade through black',
  crossfade: 'Crossfade',
  slideLeft: 'Slide left',
  wipe: 'Wipe',
};
const aspectLabels: Record<(typeof aspects)[number], string> = {
  '9:16': '9:16 vertical',
  '1:1': '1:1 square',
  '16:9': '16:9 landscape',
};
const orders: ReadonlyArray<readonly ['random' | 'sequential', string]> = [
  ['random', 'Random'],
  ['sequential', 'In sequence, continuing each run'],
];
const styleLabels: Record<(typeof stylePresets)[number], string> = {
  clean: 'Clean',
  cinematic: 'Cinematic',
  vibrant: 'Vibrant',
  mono: 'Black and white',
};

/** How many photos and clips the sources find; null until known (asked again as they change). */
function useSourceCount(sources: MediaSources): { count: number | null; error: string | null } {
  const { countSources } = useConfigs((state) => state.actions);
  const key = JSON.stringify(sources);
  const [answer, setAnswer] = useState<{ key: string; count: number | null; error: string | null }>(
    { key: '', count: null, error: null },
  );
  useEffect(() => {
    const wanted = JSON.parse(key) as MediaSources;
    if (!hasMediaSources(wanted)) return;
    let live = true;
    const timer = window.setTimeout(() => {
      countSources(wanted).then(
        (count) => live && setAnswer({ key, count, error: null }),
        (error: unknown) => live && setAnswer({ key, count: null, error: messageOf(error) }),
      );
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, countSources]);
  return answer.key === key ? answer : { count: null, error: null };
}

/** Says when the sources find fewer photos and clips than a video uses, and what follows. */
function SourceCount({ sources, clipCount }: { sources: MediaSources; clipCount: number }) {
  const { count, error } = useSourceCount(sources);
  if (!hasMediaSources(sources)) return null;
  if (error) return <p className="error-text">The library could not be searched: {error}</p>;
  if (count === null) return null;
  if (count === 0)
    return (
      <p className="warning-box" role="status" data-testid="source-count">
        These sources find no photo or clip in the library yet, so a run would fail. Add media with
        these tags or in these folders, or pick items one by one.
      </p>
    );
  if (Number.isFinite(clipCount) && count < clipCount)
    return (
      <p className="warning-box" role="status" data-testid="source-count">
        These sources find {count === 1 ? '1 photo or clip' : `${count} photos and clips`}, fewer
        than the {clipCount} clips each video uses: each video will use{' '}
        {count === 1 ? 'it' : `those ${count}`}, each shown longer. Add media, or use fewer clips
        per video.
      </p>
    );
  return (
    <p className="muted small" data-testid="source-count">
      These sources find {count === 1 ? '1 photo or clip' : `${count} photos and clips`} (rendered
      videos only when picked one by one).
    </p>
  );
}

export function ContentSection({
  draft,
  change,
  errors,
  mediaPicker,
}: SectionProps & { mediaPicker?: MediaPickerSlot | undefined }) {
  const content = draft.content;
  const set = (path: Array<string | number>, value: unknown) => change(['content', ...path], value);

  return (
    <>
      <fieldset className={cx('card', styles.section)}>
        <legend>Media</legend>
        <GroupError path="content.sources" errors={errors} />
        <div className={styles.grid2}>
          <Field
            label="Media tags"
            path="content.sources.tags"
            errors={errors}
            hint="Separated by commas"
          >
            {(props) => (
              <ListInput
                {...props}
                placeholder="beach, summer"
                value={content.sources.tags}
                onChange={(tags) => set(['sources', 'tags'], tags)}
              />
            )}
          </Field>
          <Field
            label="Folders"
            path="content.sources.folders"
            errors={errors}
            hint="Library folders, separated by commas"
          >
            {(props) => (
              <ListInput
                {...props}
                placeholder="/Pictures/Trips"
                value={content.sources.folders}
                onChange={(folders) => set(['sources', 'folders'], folders)}
              />
            )}
          </Field>
        </div>
        <div className="row">
          <span className="muted">
            {content.sources.itemIds.length === 0
              ? 'No items picked one by one.'
              : `${content.sources.itemIds.length} ${content.sources.itemIds.length === 1 ? 'item' : 'items'} picked one by one.`}
          </span>
          {content.sources.itemIds.length > 0 && (
            <button
              type="button"
              className="secondary"
              onClick={() => set(['sources', 'itemIds'], [])}
            >
              Clear picked items
            </button>
          )}
        </div>
        {mediaPicker?.({
          selected: content.sources.itemIds,
          onChange: (ids) => set(['sources', 'itemIds'], ids),
        })}
        <SourceCount sources={content.sources} clipCount={content.clipCount} />
        <div className={styles.grid3}>
          <NumberField
            label="Clips per video"
            path="content.clipCount"
            errors={errors}
            min={1}
            max={50}
            value={content.clipCount}
            onChange={(value) => set(['clipCount'], value)}
          />
          <SelectField
            label="Order"
            path="content.order"
            errors={errors}
            value={content.order}
            options={orders}
            onChange={(value) => set(['order'], value)}
          />
          <NumberField
            label="Video length (seconds)"
            path="content.lengthSeconds"
            errors={errors}
            min={3}
            max={600}
            value={content.lengthSeconds}
            onChange={(value) => set(['lengthSeconds'], value)}
          />
        </div>
      </fieldset>

      <fieldset className={cx('card', styles.section)}>
        <legend>Look</legend>
        <div className={styles.grid3}>
          <SelectField
            label="Aspect"
            path="content.aspect"
            errors={errors}
            value={content.aspect}
            options={optionsOf(aspects, (aspect) => aspectLabels[aspect])}
            onChange={(value) => set(['aspect'], value)}
          />
          <SelectField
            label="Style"
            path="content.stylePreset"
            errors={errors}
            value={content.stylePreset}
            options={optionsOf(stylePresets, (style) => styleLabels[style])}
            onChange={(value) => set(['stylePreset'], value)}
          />
          <SelectField
            label="Motion"
            path="content.motion"
            errors={errors}
            value={content.motion}
            options={optionsOf(motions, (motion) => motionLabels[motion])}
            onChange={(value) => set(['motion'], value)}
          />
          <SelectField
            label="Transition"
            path="content.transition.type"
            errors={errors}
            value={content.transition.type}
            options={optionsOf(transitionTypes, (type) => transitionLabels[type])}
            onChange={(value) => set(['transition', 'type'], value)}
          />
          <NumberField
            label="Transition length (ms)"
            path="content.transition.durationMs"
            errors={errors}
            min={0}
            max={3000}
            step={100}
            disabled={content.transition.type === 'none'}
            value={content.transition.durationMs}
            onChange={(value) => set(['transition', 'durationMs'], value)}
          />
        </div>
      </fieldset>
    </>
  );
}
