import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';

/** The frame of a page: its main landmark and, where the page has a parent, a link back to it. */
export function PageLayout(props: { back?: { href: string; label: string }; children: JSX.Element }) {
  return (
    <main class="page">
      <Show when={props.back}>
        {(back) => (
          <A href={back().href} class="back-link">
            ← {back().label}
          </A>
        )}
      </Show>
      {props.children}
    </main>
  );
}
