import { createResource, Show } from 'solid-js';
import verifyScriptUrl from '../../../docs/verify-draw.mjs?url&no-inline';
import { fetchFairness } from '../catalog/catalog-api.js';
import { t } from '../i18n/i18n.js';

/**
 * After the pre-queue draw: the revealed seed, the public evidence, and the same checker the
 * docs describe (docs/verify-draw.mjs, served with the app) with the command to run it for this
 * visitor's own place. Shows nothing until the seed is revealed.
 */
export function DrawCheck(props: { eventId: string; userId: string }) {
  const [fairness] = createResource(() => props.eventId, fetchFairness);
  const evidencePath = () => `/api/events/${encodeURIComponent(props.eventId)}/fairness`;
  const command = () => `node verify-draw.mjs ${location.origin} ${props.eventId} ${props.userId}`;
  return (
    <Show when={fairness.state === 'ready' && fairness()?.state === 'drawn' ? fairness()?.seed : undefined}>
      {(seed) => (
        <details class="fairness draw-check">
          <summary>{t('queue.verifyDraw')}</summary>
          <p>{t('queue.verifyDrawDetail')}</p>
          <p>
            {t('fairness.seed')} <code class="hash">{seed()}</code>
          </p>
          <p>
            <a href={evidencePath()} target="_blank" rel="noopener">
              {t('queue.verifyDrawEvidence')}
            </a>
          </p>
          <p>
            <a href={verifyScriptUrl} download="verify-draw.mjs">
              {t('queue.verifyDrawDownload')}
            </a>
          </p>
          <p>{t('queue.verifyDrawRun')}</p>
          <pre class="command">
            <code>{command()}</code>
          </pre>
        </details>
      )}
    </Show>
  );
}
