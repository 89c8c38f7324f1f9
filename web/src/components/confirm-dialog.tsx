import { createEffect, createUniqueId, type JSX } from 'solid-js';
import { t } from '../i18n/i18n.js';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A native modal <dialog>: focus trapping, Escape and the backdrop come from the browser, which
 * does them better (and more accessibly) than a hand-rolled overlay.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={(element) => (dialog = element)} class="dialog" aria-labelledby={titleId} onClose={() => props.open && props.onCancel()}>
      <h2 id={titleId}>{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button button-secondary" onClick={() => props.onCancel()}>
          {props.cancelLabel ?? t('common.keepIt')}
        </button>
        <button type="button" class="button button-danger" onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
