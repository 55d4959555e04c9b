import * as Dialog from '@radix-ui/react-dialog';
import type { ComponentProps, ReactNode } from 'react';
import { cx } from './class-names';
import styles from './modal.module.css';

/**
 * A modal dialog over a scrim, on the dialog layer. Radix keeps focus inside while it is open,
 * closes on Escape and gives focus back when it closes. `small` for questions, `medium` for
 * forms and players, `large` for working dialogs such as the GalleryDialog.
 */
export function Modal({
  open,
  onOpenChange,
  size,
  children,
  ...contentProps
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  size: 'small' | 'medium' | 'large';
  children: ReactNode;
} & Omit<ComponentProps<typeof Dialog.Content>, 'className' | 'children'>) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content {...contentProps} className={cx(styles.content, styles[size])}>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
