import { A } from '@solidjs/router';
import { PageLayout } from '../components/page-layout.js';
import { createPageTitle } from '../page/create-page-title.js';

export function NotFoundPage() {
  createPageTitle(() => 'Not found');
  return (
    <PageLayout>
      <h1>Page not found</h1>
      <p>This link leads nowhere. The drop may have ended.</p>
      <A href="/" class="button button-primary button-block">
        See current drops
      </A>
    </PageLayout>
  );
}
