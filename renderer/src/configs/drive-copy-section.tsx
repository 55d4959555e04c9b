import { cx } from '../components/class-names';
import type { SectionProps } from './schedule-section';
import styles from './editor.module.css';

/** The storage domain's own switch on a config: a copy of each rendered video on Drive. */
export function DriveCopySection({ draft, change }: SectionProps) {
  const storage = draft.storage;
  return (
    <fieldset className={cx('card', styles.section)}>
      <legend>Google Drive</legend>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={storage.uploadRendersToDrive}
          onChange={(event) => change(['storage', 'uploadRendersToDrive'], event.target.checked)}
        />
        <span>Copy each video this config renders to Google Drive</span>
      </label>
      <p className="muted small">
        Into ReelPilot/Renders/ by month, in the Drive connected under Settings → Storage &amp;
        backup. Each video is copied once, also after a restart.
      </p>
    </fieldset>
  );
}
