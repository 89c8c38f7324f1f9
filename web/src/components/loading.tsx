import { t } from '../i18n/i18n.js';
/** A placeholder that says what is loading, for sighted and screen-reader users alike. */
export function Loading(props: { what?: string }) {
  return (
    <p class="loading" role="status">
      {props.what ? t('common.loadingWhat', { what: props.what }) : t('common.loading')}
    </p>
  );
}
