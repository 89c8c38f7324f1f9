import { Show } from 'solid-js';
import type { EventView } from '../../../core/index.js';

/** Why the pre-queue draw can be trusted: the seed's fingerprint is public before the draw. */
export function FairnessNote(props: { event: EventView }) {
  return (
    <details class="fairness">
      <summary>How is the draw fair?</summary>
      <p>
        The order comes from a random seed whose SHA-256 fingerprint is published before the start and the seed itself
        after it, so anyone can re-run the shuffle and check that nobody was moved.
      </p>
      <p>
        Fingerprint: <code class="hash">{props.event.fairness.seedSha256}</code>
      </p>
      <Show when={props.event.fairness.seed}>
        {(seed) => (
          <p>
            Seed: <code class="hash">{seed()}</code>
          </p>
        )}
      </Show>
    </details>
  );
}
