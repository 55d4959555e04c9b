import * as Dialog from '@radix-ui/react-dialog';
import { Modal } from '../components/modal';

/** Asked before unsaved edits of a config are left: keep editing, keep them as a draft, or discard. */
export function DiscardDialog(props: {
  open: boolean;
  name: string;
  onKeepEditing(): void;
  onKeepDraft(): void;
  onDiscard(): void;
}) {
  return (
    <Modal open={props.open} onOpenChange={(open) => !open && props.onKeepEditing()} size="small">
      <Dialog.Title>Leave “{props.name}” with unsaved changes?</Dialog.Title>
      <Dialog.Description>
        Your changes are not saved. Keep them as a draft to finish later (the editor offers it back
        when you open this config again), or discard them.
      </Dialog.Description>
      <div className="form-actions">
        <button type="button" onClick={props.onKeepEditing}>
          Keep editing
        </button>
        <button type="button" className="secondary" onClick={props.onKeepDraft}>
          Leave and keep the draft
        </button>
        <button type="button" className="danger" onClick={props.onDiscard}>
          Discard changes
        </button>
      </div>
    </Modal>
  );
}
