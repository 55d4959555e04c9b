import { useRef } from 'react';
import { textPositions } from '../../../shared/domain/configs';
import { Field, NumberField, optionsOf, SelectField } from '../components/field';
import { ListInput } from './list-input';
import { AudioTrackPicker } from './media-picker';
import type { SectionProps } from './schedule-section';
import { TemplateHelper, templateExamples } from './template-helper';
import { cx } from '../components/class-names';
import styles from './editor.module.css';

/** The caption font the render engine draws with (resources/fonts). */
const BUNDLED_FONT = 'DejaVu Sans';

const soundtracks: ReadonlyArray<readonly ['none' | 'tagged' | 'track', string]> = [
  ['none', 'No audio'],
  ['tagged', 'A random track with these tags'],
  ['track', 'One track'],
];

/** The text drawn on the video and the soundtrack. */
export function OverlayAudioSection({ draft, change, errors }: SectionProps) {
  const content = draft.content;
  const overlay = content.textOverlay;
  const audio = content.audio;
  const set = (path: Array<string | number>, value: unknown) => change(['content', ...path], value);
  const textRef = useRef<HTMLInputElement | null>(null);
  // Nothing is drawn until text is written; writing it turns the overlay on, clearing it off.
  const setText = (text: string) => {
    set(['textOverlay', 'template'], text);
    if (overlay.template.trim() === '' && text.trim() !== '') set(['textOverlay', 'enabled'], true);
    if (text.trim() === '') set(['textOverlay', 'enabled'], false);
  };

  return (
    <>
      <fieldset className={cx('card', styles.section)}>
        <legend>Text overlay</legend>
        <Field
          label="Text on the video"
          path="content.textOverlay.template"
          errors={errors}
          hint="Left empty, nothing is drawn on the video."
        >
          {(props) => (
            <input
              {...props}
              ref={textRef}
              value={overlay.template}
              placeholder="For example: Day {index} of {count}"
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <TemplateHelper
          control={textRef}
          value={overlay.template}
          onChange={setText}
          examples={templateExamples.overlay}
          label="text on the video"
        />
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={overlay.enabled}
            onChange={(event) => set(['textOverlay', 'enabled'], event.target.checked)}
          />
          <span>Show the text on the video</span>
        </label>
        {overlay.enabled && (
          <>
            <div className={styles.grid3}>
              <Field
                label="Font"
                path="content.textOverlay.font"
                errors={errors}
                hint="Bundled with ReelPilot, so captions look the same on every computer."
              >
                {(props) => (
                  <select
                    {...props}
                    value={overlay.font}
                    onChange={(event) => set(['textOverlay', 'font'], event.target.value)}
                  >
                    <option value={BUNDLED_FONT}>DejaVu Sans Bold</option>
                    {overlay.font !== BUNDLED_FONT && (
                      <option value={overlay.font}>
                        {overlay.font} (not bundled: DejaVu Sans Bold is used)
                      </option>
                    )}
                  </select>
                )}
              </Field>
              <NumberField
                label="Size"
                path="content.textOverlay.size"
                errors={errors}
                min={8}
                max={200}
                value={overlay.size}
                onChange={(value) => set(['textOverlay', 'size'], value)}
              />
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
              <SelectField
                label="Position"
                path="content.textOverlay.position"
                errors={errors}
                value={overlay.position}
                options={optionsOf(textPositions, (at) => at[0]?.toUpperCase() + at.slice(1))}
                onChange={(value) => set(['textOverlay', 'position'], value)}
              />
              <label className={cx('field checkbox', styles.alignedCheckbox)}>
                <input
                  type="checkbox"
                  checked={overlay.box.enabled}
                  onChange={(event) => set(['textOverlay', 'box', 'enabled'], event.target.checked)}
                />
                <span>Background box</span>
              </label>
              {overlay.box.enabled && (
                <NumberField
                  slider
                  label="Box opacity"
                  path="content.textOverlay.box.opacity"
                  errors={errors}
                  min={0}
                  max={1}
                  step={0.05}
                  value={overlay.box.opacity}
                  onChange={(value) => set(['textOverlay', 'box', 'opacity'], value)}
                />
              )}
            </div>
          </>
        )}
      </fieldset>

      <fieldset className={cx('card', styles.section)}>
        <legend>Audio</legend>
        <div className={styles.grid3}>
          <SelectField
            label="Soundtrack"
            path="content.audio.source"
            errors={errors}
            value={audio.source.kind}
            options={soundtracks}
            onChange={(kind) =>
              set(
                ['audio', 'source'],
                kind === 'track'
                  ? { kind: 'track', mediaId: '' }
                  : kind === 'tagged'
                    ? { kind: 'tagged', tags: [] }
                    : { kind: 'none' },
              )
            }
          />
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
            <Field label="Track" path="content.audio.source.mediaId" errors={errors}>
              {(props) => (
                <AudioTrackPicker
                  id={props.id}
                  describedBy={props['aria-describedby']}
                  mediaId={audio.source.kind === 'track' ? audio.source.mediaId : ''}
                  onChange={(id) => set(['audio', 'source', 'mediaId'], id)}
                />
              )}
            </Field>
          )}
          {audio.source.kind !== 'none' && (
            <>
              <NumberField
                slider
                label={`Volume ${Math.round(audio.volume * 100)}%`}
                path="content.audio.volume"
                errors={errors}
                min={0}
                max={1}
                step={0.05}
                value={audio.volume}
                onChange={(value) => set(['audio', 'volume'], value)}
              />
              <NumberField
                label="Fade in (ms)"
                path="content.audio.fadeInMs"
                errors={errors}
                min={0}
                max={10000}
                step={100}
                value={audio.fadeInMs}
                onChange={(value) => set(['audio', 'fadeInMs'], value)}
              />
              <NumberField
                label="Fade out (ms)"
                path="content.audio.fadeOutMs"
                errors={errors}
                min={0}
                max={10000}
                step={100}
                value={audio.fadeOutMs}
                onChange={(value) => set(['audio', 'fadeOutMs'], value)}
              />
            </>
          )}
        </div>
      </fieldset>
    </>
  );
}
