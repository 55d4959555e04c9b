import type { ReactNode } from 'react';
import { aspects, motions, stylePresets, transitionTypes } from '../../../shared/domain/configs';
import { Field, GroupError, NumberField } from '../components/field';
import { ListInput } from './list-input';
import type { SectionProps } from './schedule-section';

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
const styleLabels: Record<(typeof stylePresets)[number], string> = {
  clean: 'Clean',
  cinematic: 'Cinematic',
  vibrant: 'Vibrant',
  mono: 'Black and white',
};

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
      <fieldset className="card section">
        <legend>Media</legend>
        <GroupError path="content.sources" errors={errors} />
        <div className="grid-2">
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
        <div className="grid-3">
          <NumberField
            label="Clips per video"
            path="content.clipCount"
            errors={errors}
            min={1}
            max={50}
            value={content.clipCount}
            onChange={(value) => set(['clipCount'], value)}
          />
          <Field label="Order" path="content.order" errors={errors}>
            {(props) => (
              <select
                {...props}
                value={content.order}
                onChange={(event) => set(['order'], event.target.value)}
              >
                <option value="random">Random</option>
                <option value="sequential">In sequence, continuing each run</option>
              </select>
            )}
          </Field>
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

      <fieldset className="card section">
        <legend>Look</legend>
        <div className="grid-3">
          <Field label="Aspect" path="content.aspect" errors={errors}>
            {(props) => (
              <select
                {...props}
                value={content.aspect}
                onChange={(event) => set(['aspect'], event.target.value)}
              >
                {aspects.map((aspect) => (
                  <option key={aspect} value={aspect}>
                    {aspect === '9:16'
                      ? '9:16 vertical'
                      : aspect === '1:1'
                        ? '1:1 square'
                        : '16:9 landscape'}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Style" path="content.stylePreset" errors={errors}>
            {(props) => (
              <select
                {...props}
                value={content.stylePreset}
                onChange={(event) => set(['stylePreset'], event.target.value)}
              >
                {stylePresets.map((style) => (
                  <option key={style} value={style}>
                    {styleLabels[style]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Motion" path="content.motion" errors={errors}>
            {(props) => (
              <select
                {...props}
                value={content.motion}
                onChange={(event) => set(['motion'], event.target.value)}
              >
                {motions.map((motion) => (
                  <option key={motion} value={motion}>
                    {motionLabels[motion]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Transition" path="content.transition.type" errors={errors}>
            {(props) => (
              <select
                {...props}
                value={content.transition.type}
                onChange={(event) => set(['transition', 'type'], event.target.value)}
              >
                {transitionTypes.map((type) => (
                  <option key={type} value={type}>
                    {transitionLabels[type]}
                  </option>
                ))}
              </select>
            )}
          </Field>
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
