import type { ReactNode } from 'react';
import {
  aspects,
  motions,
  stylePresets,
  textPositions,
  textVariables,
  transitionTypes,
} from '../../../shared/domain/configs';
import { Field, GroupError } from './field';
import { ListInput } from './list-input';
import type { SectionProps } from './schedule-section';

/** Slot for the media library's picker (GalleryDialog); absent until the library is wired in. */
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

const num = (value: number) => (Number.isNaN(value) ? '' : value);

export function ContentSection({
  draft,
  change,
  errors,
  mediaPicker,
}: SectionProps & { mediaPicker?: MediaPickerSlot | undefined }) {
  const content = draft.content;
  const overlay = content.textOverlay;
  const audio = content.audio;
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
              : `${content.sources.itemIds.length} items picked one by one.`}
          </span>
          {mediaPicker?.({
            selected: content.sources.itemIds,
            onChange: (ids) => set(['sources', 'itemIds'], ids),
          })}
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
        <div className="grid-3">
          <Field label="Clips per video" path="content.clipCount" errors={errors}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                max={50}
                value={num(content.clipCount)}
                onChange={(event) => set(['clipCount'], event.target.valueAsNumber)}
              />
            )}
          </Field>
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
          <Field label="Video length (seconds)" path="content.lengthSeconds" errors={errors}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={3}
                max={600}
                value={num(content.lengthSeconds)}
                onChange={(event) => set(['lengthSeconds'], event.target.valueAsNumber)}
              />
            )}
          </Field>
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
          <Field
            label="Transition length (ms)"
            path="content.transition.durationMs"
            errors={errors}
          >
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                max={3000}
                step={100}
                disabled={content.transition.type === 'none'}
                value={num(content.transition.durationMs)}
                onChange={(event) => set(['transition', 'durationMs'], event.target.valueAsNumber)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="card section">
        <legend>Text overlay</legend>
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={overlay.enabled}
            onChange={(event) => set(['textOverlay', 'enabled'], event.target.checked)}
          />
          <span>Show text on the video</span>
        </label>
        {overlay.enabled && (
          <>
            <Field
              label="Text"
              path="content.textOverlay.template"
              errors={errors}
              hint={`Variables: ${textVariables.map((v) => `{${v}}`).join(' ')}`}
            >
              {(props) => (
                <input
                  {...props}
                  value={overlay.template}
                  onChange={(event) => set(['textOverlay', 'template'], event.target.value)}
                />
              )}
            </Field>
            <div className="grid-3">
              <Field label="Font" path="content.textOverlay.font" errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    value={overlay.font}
                    onChange={(event) => set(['textOverlay', 'font'], event.target.value)}
                  />
                )}
              </Field>
              <Field label="Size" path="content.textOverlay.size" errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min={8}
                    max={200}
                    value={num(overlay.size)}
                    onChange={(event) => set(['textOverlay', 'size'], event.target.valueAsNumber)}
                  />
                )}
              </Field>
              <Field label="Colour" path="content.textOverlay.color" errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    type="color"
                    value={overlay.color}
                    onChange={(event) => set(['textOverlay', 'color'], event.target.value)}
                  />
                )}
              </Field>
              <Field label="Position" path="content.textOverlay.position" errors={errors}>
                {(props) => (
                  <select
                    {...props}
                    value={overlay.position}
                    onChange={(event) => set(['textOverlay', 'position'], event.target.value)}
                  >
                    {textPositions.map((position) => (
                      <option key={position} value={position}>
                        {position[0]?.toUpperCase() + position.slice(1)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <label className="field checkbox">
                <input
                  type="checkbox"
                  checked={overlay.box.enabled}
                  onChange={(event) => set(['textOverlay', 'box', 'enabled'], event.target.checked)}
                />
                <span>Background box</span>
              </label>
              {overlay.box.enabled && (
                <Field label="Box opacity" path="content.textOverlay.box.opacity" errors={errors}>
                  {(props) => (
                    <input
                      {...props}
                      type="range"
                      min={0}
                      max={1}
                      step={0.05}
                      value={overlay.box.opacity}
                      onChange={(event) =>
                        set(['textOverlay', 'box', 'opacity'], event.target.valueAsNumber)
                      }
                    />
                  )}
                </Field>
              )}
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="card section">
        <legend>Audio</legend>
        <div className="grid-3">
          <Field label="Soundtrack" path="content.audio.source" errors={errors}>
            {(props) => (
              <select
                {...props}
                value={audio.source.kind}
                onChange={(event) => {
                  const kind = event.target.value;
                  set(
                    ['audio', 'source'],
                    kind === 'track'
                      ? { kind: 'track', mediaId: '' }
                      : kind === 'tagged'
                        ? { kind: 'tagged', tags: [] }
                        : { kind: 'none' },
                  );
                }}
              >
                <option value="none">No audio</option>
                <option value="tagged">A random track with these tags</option>
                <option value="track">One track</option>
              </select>
            )}
          </Field>
          {audio.source.kind === 'tagged' && (
            <Field label="Audio tags" path="content.audio.source.tags" errors={errors}>
              {(props) => (
                <ListInput
                  {...props}
                  value={audio.source.kind === 'tagged' ? audio.source.tags : []}
                  onChange={(tags) => set(['audio', 'source', 'tags'], tags)}
                />
              )}
            </Field>
          )}
          {audio.source.kind === 'track' && (
            <Field
              label="Track id"
              path="content.audio.source.mediaId"
              errors={errors}
              hint="The id of an audio item in the library"
            >
              {(props) => (
                <input
                  {...props}
                  value={audio.source.kind === 'track' ? audio.source.mediaId : ''}
                  onChange={(event) => set(['audio', 'source', 'mediaId'], event.target.value)}
                />
              )}
            </Field>
          )}
          {audio.source.kind !== 'none' && (
            <>
              <Field
                label={`Volume ${Math.round(audio.volume * 100)}%`}
                path="content.audio.volume"
                errors={errors}
              >
                {(props) => (
                  <input
                    {...props}
                    type="range"
                    min={0}
                    max={1}
                    step={0.05}
                    value={audio.volume}
                    onChange={(event) => set(['audio', 'volume'], event.target.valueAsNumber)}
                  />
                )}
              </Field>
              <Field label="Fade in (ms)" path="content.audio.fadeInMs" errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min={0}
                    max={10000}
                    step={100}
                    value={num(audio.fadeInMs)}
                    onChange={(event) => set(['audio', 'fadeInMs'], event.target.valueAsNumber)}
                  />
                )}
              </Field>
              <Field label="Fade out (ms)" path="content.audio.fadeOutMs" errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min={0}
                    max={10000}
                    step={100}
                    value={num(audio.fadeOutMs)}
                    onChange={(event) => set(['audio', 'fadeOutMs'], event.target.valueAsNumber)}
                  />
                )}
              </Field>
            </>
          )}
        </div>
      </fieldset>
    </>
  );
}
