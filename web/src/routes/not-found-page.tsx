import { A } from '@solidjs/router';
import { PageLayout } from '../components/page-layout.js';
import { createPageTitle } from '../page/create-page-title.js';
import { t } from '../i18n/i18n.js';

export function NotFoundPage() {
  createPageTitle(() => t('notFound.title'));
  return (
    <PageLayout>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <A href="/" class="button button-primary button-block">
        {t('notFound.cta')}
      </A>
    </PageLayout>
  );
}
