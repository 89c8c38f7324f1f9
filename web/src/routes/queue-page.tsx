import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, createResource, Show } from 'solid-js';
import type { EventView, JoinResponse } from '../../../core/index.js';
import { accessPassStore } from '../access/access-pass-store.js';
import { resourceError } from '../api/api-error.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { EventHeader } from '../components/event-header.js';
import { Loading } from '../components/loading.js';
import { PageLayout } from '../components/page-layout.js';
import { ResourceView } from '../components/resource-view.js';
import { WaitingRoomView } from '../components/waiting-room-view.js';
import { loginPath } from '../identity/ensure-identity.js';
import { identityStore, type Identity } from '../identity/identity-store.js';
import { arriveInLine } from '../queue/arrive-in-line.js';
import { createWaitingRoom } from '../queue/create-waiting-room.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths } from './paths.js';
import { t } from '../i18n/i18n.js';

export function QueuePage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const queuePath = () => paths.queue(params.id);
  const bookPath = () => paths.book(params.id);

  const [event, { refetch: refetchEvent }] = createResource(() => params.id, fetchEvent);
  // Who queues: a browser with nobody yet becomes a guest and takes its place in one request.
  const [arrival, { refetch: refetchIdentity }] = createResource(
    () => (event.state === 'ready' ? event() : false),
    (loaded) => arriveInLine(loaded.id, { membersOnly: !loaded.guestsAllowed }),
  );
  createPageTitle(() => (event.state === 'ready' ? t('queue.pageTitleOf', { title: event()?.title ?? '' }) : t('queue.pageTitle')));

  // The identity to queue with, unless it already holds an access pass (then the effect below redirects).
  const queuer = () => {
    const current = arrival.state === 'ready' ? arrival()?.identity : undefined;
    return current && !accessPassStore.read(params.id, current.userId) ? current : undefined;
  };
  /** The join that came with this identity's arrival, if it did: the waiting room's first screen. */
  const joinedAs = (identity: Identity) => {
    const current = arrival.state === 'ready' ? arrival() : undefined;
    return current?.identity === identity ? current.joined : undefined;
  };

  createEffect(() => {
    if (arrival.state !== 'ready') return;
    const current = arrival()?.identity;
    if (!current) navigate(loginPath(queuePath(), 'members_only'), { replace: true });
    // Already let in (another tab, or back from the booking page): no need to queue again.
    else if (accessPassStore.read(params.id, current.userId)) navigate(bookPath(), { replace: true });
  });

  return (
    <PageLayout back={{ href: paths.event(params.id), label: t('common.eventDetails') }}>
      <ResourceView
        value={event.latest}
        error={resourceError(event) ?? resourceError(arrival)}
        onRetry={() => void (event.error ? refetchEvent() : refetchIdentity())}
        loading={t('what.waitingRoom')}
      >
        {(loaded) => (
          <>
            <EventHeader event={loaded()} hideStatus />
            <Show when={queuer()} keyed fallback={<Loading what={t('what.yourPlace')} />}>
              {(current) => (
                <WaitingRoom
                  event={loaded()}
                  identity={current}
                  joined={joinedAs(current)}
                  onAdmitted={() => whenVisible(() => navigate(bookPath(), { replace: true }))}
                  onLeft={() => navigate(paths.event(params.id))}
                  onMembersOnly={() => navigate(loginPath(queuePath(), 'members_only'), { replace: true })}
                  onIdentityRejected={() => {
                    identityStore.forget();
                    void refetchIdentity();
                  }}
                />
              )}
            </Show>
          </>
        )}
      </ResourceView>
    </PageLayout>
  );
}

/**
 * Runs `go` now, or when a background tab is looked at again: until then the waiting room stays,
 * its title saying "(!) It's your turn" in the tab strip, instead of turning into a booking page
 * nobody sees.
 */
function whenVisible(go: () => void): void {
  if (document.visibilityState !== 'hidden') return go();
  const onVisible = () => {
    if (document.visibilityState === 'hidden') return;
    document.removeEventListener('visibilitychange', onVisible);
    go();
  };
  document.addEventListener('visibilitychange', onVisible);
}

interface WaitingRoomProps {
  event: EventView;
  identity: Identity;
  joined: JoinResponse | undefined;
  onAdmitted: () => void;
  onMembersOnly: () => void;
  onIdentityRejected: () => void;
  onLeft: () => void;
}

/** Mounted once per identity, so a fresh identity gets a fresh machine. */
function WaitingRoom(props: WaitingRoomProps) {
  const room = createWaitingRoom({
    eventId: props.event.id,
    identity: props.identity,
    joined: props.joined,
    opensAt: Date.parse(props.event.prequeueStartsAt),
    onAdmitted: () => props.onAdmitted(),
    onMembersOnly: () => props.onMembersOnly(),
    onIdentityRejected: () => props.onIdentityRejected(),
    onLeft: () => props.onLeft(),
  });
  return <WaitingRoomView event={props.event} room={room} userId={props.identity.userId} />;
}
