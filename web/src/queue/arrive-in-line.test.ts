import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { identityStore } from '../identity/identity-store.js';
import { arriveInLine } from './arrive-in-line.js';
import { queueTicketStore } from './queue-ticket-store.js';

/** localStorage as the browser has it, for the stores under test. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const expiresAt = () => new Date(Date.now() + 24 * 3600_000).toISOString();
const guest = (userId: string) => ({ idToken: `id-${userId}`, userId, kind: 'guest' as const, expiresAt: expiresAt() });
const firstScreen = { queueToken: 'queue-token', seq: 7, status: 'waiting', position: 3, etaSeconds: 3, refreshAfterMs: 2_000 };
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 't', title: code, status, code }), { status, headers: { 'content-type': 'application/problem+json' } });

/** The requests sent, as `METHOD path (auth|no auth)`. */
const sent = (fetchMock: ReturnType<typeof vi.fn>) =>
  fetchMock.mock.calls.map(([path, init]) => {
    const headers = (init as RequestInit).headers as Record<string, string>;
    return `${(init as RequestInit).method} ${String(path)} (${headers.authorization ? 'auth' : 'no auth'})`;
  });

describe('arriveInLine', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    identityStore.forget();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('joins as a new guest in one request and keeps both the identity and the ticket', async () => {
    const fetchMock = vi.fn().mockResolvedValue(Response.json({ ...firstScreen, identity: guest('guest_1') }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const arrival = await arriveInLine('drop-1', { membersOnly: false });
    expect(sent(fetchMock)).toEqual(['POST /api/queue/drop-1/join (no auth)']);
    expect(arrival).toMatchObject({ identity: { userId: 'guest_1', kind: 'guest' }, joined: { seq: 7, position: 3, refreshAfterMs: 2_000 } });
    // As ensureIdentity keeps one: in localStorage, so a reload is the same guest in the same place.
    expect(identityStore.current()).toEqual(arrival!.identity);
    expect(localStorage.getItem('banjjak.identity.current')).toContain('guest_1');
    expect(queueTicketStore.read('drop-1', 'guest_1')).toEqual({ queueToken: 'queue-token', seq: 7 });
  });

  it('sends nothing for an identity it already has, and joins nothing for it', async () => {
    identityStore.save(guest('guest_2'));
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await arriveInLine('drop-1', { membersOnly: false })).toEqual({ identity: identityStore.current() });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('leaves members-only events to the login path', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await arriveInLine('drop-1', { membersOnly: true })).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('becomes a guest the two-request way when the join is refused, so the waiting room shows why', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(problem(409, 'not_started'))
      .mockResolvedValueOnce(Response.json(guest('guest_3'), { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const arrival = await arriveInLine('drop-1', { membersOnly: false });
    expect(sent(fetchMock)).toEqual(['POST /api/queue/drop-1/join (no auth)', 'POST /api/auth/guest (no auth)']);
    expect(arrival).toEqual({ identity: expect.objectContaining({ userId: 'guest_3' }) });
    expect(queueTicketStore.read('drop-1', 'guest_3')).toBeUndefined();
  });

  it('passes other failures to the page, storing nothing', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problem(503, 'origin_unavailable')));
    await expect(arriveInLine('drop-1', { membersOnly: false })).rejects.toMatchObject({ code: 'origin_unavailable' });
    expect(identityStore.current()).toBeUndefined();
  });
});
