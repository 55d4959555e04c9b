import * as Dialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { Modal } from '../components/modal';
import { useBatches } from '../stores/batch-store';

/**
 * The frame of the three dialogs that create a batch (CSV import, distribute, generate): a large
 * modal whose body is made afresh each time it opens, so a second batch starts from a clean form.
 */
export function BatchDialog({
  open,
  onOpenChange,
  children,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The body, given what closes the dialog once its batch is created. */
  children(done: () => void): ReactNode;
}) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} size="large" aria-describedby={undefined}>
      {open && children(() => onOpenChange(false))}
    </Modal>
  );
}

/**
 * Creating the batch: while the engine answers the button says so; once it made a batch the
 * dialog closes and the batch opens. `create` answers the new batch's id, or null when none was
 * made (the engine's refusal is already shown by the store).
 */
export function useBatchCreation(onDone: () => void) {
  const { open } = useBatches((state) => state.actions);
  const [creating, setCreating] = useState(false);
  const create = async (request: () => Promise<string | null>) => {
    setCreating(true);
    let id: string | null = null;
    try {
      id = await request();
    } finally {
      setCreating(false);
    }
    if (id === null) return;
    onDone();
    await open(id);
  };
  return { creating, create };
}

export function BatchNameField({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
}) {
  return (
    <label className="field">
      <span>Batch name</span>
      <input
        value={value}
        onChange={(event) => onChange(event.target.value)}
        maxLength={120}
        placeholder={placeholder}
      />
    </label>
  );
}

/** How many items run at once, from 1 to 20. */
export function ConcurrencyField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange(value: number): void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={1}
        max={20}
        value={value}
        onChange={(event) => onChange(Math.min(20, Math.max(1, Number(event.target.value) || 1)))}
      />
    </label>
  );
}

/** The dialog's create button and Close. */
export function BatchDialogActions({
  label,
  disabled,
  onCreate,
}: {
  label: string;
  disabled: boolean;
  onCreate(): void;
}) {
  return (
    <div className="form-actions">
      <button type="button" disabled={disabled} onClick={onCreate}>
        {label}
      </button>
      <Dialog.Close asChild>
        <button type="button" className="secondary">
          Close
        </button>
      </Dialog.Close>
    </div>
  );
}
