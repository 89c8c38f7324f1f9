import { createSignal } from 'solid-js';
import { t } from '../i18n/i18n.js';
import { ConfirmDialog } from './confirm-dialog.js';

/** "Leave the line", behind a confirmation: leaving by a mistaken tap would be costly. */
export function LeaveLineButton(props: { onLeave: () => void }) {
  const [asking, setAsking] = createSignal(false);
  return (
    <>
      <button type="button" class="button button-secondary button-block" onClick={() => setAsking(true)}>
        {t('queue.leave')}
      </button>
      <ConfirmDialog
        open={asking()}
        title={t('queue.leaveTitle')}
        confirmLabel={t('queue.leaveConfirm')}
        cancelLabel={t('queue.stay')}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          props.onLeave();
        }}
      >
        <p>{t('queue.leaveDetail')}</p>
      </ConfirmDialog>
    </>
  );
}
