import * as Dialog from '@radix-ui/react-dialog';
import { Modal } from './modal';

/** Asks before something that cannot be undone. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  /** What keeping things as they are is called; "Cancel" unless said otherwise. */
  cancelLabel?: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Modal open={props.open} onOpenChange={(open) => !open && props.onCancel()} size="small">
      <Dialog.Title>{props.title}</Dialog.Title>
      <Dialog.Description>{props.body}</Dialog.Description>
      <div className="form-actions">
        <button type="button" className="danger" disabled={props.busy} onClick={props.onConfirm}>
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
        <Dialog.Close asChild>
          <button type="button" className="secondary">
            {props.cancelLabel ?? 'Cancel'}
          </button>
        </Dialog.Close>
      </div>
    </Modal>
  );
}
