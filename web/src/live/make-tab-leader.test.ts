import { afterEach, describe, expect, it } from 'vitest';
import { makeTabLeader, type TabLeader } from './make-tab-leader.js';
import { memoryTabLocks } from './memory-tab-locks.js';
import { broadcastTabChannel, type TabLocks } from './tab-transport.js';

type Message = { from: string; position: number };

/** A tab: its leader handle, what it heard, and its own record of lead/follow changes. */
interface Tab {
  name: string;
  leader: TabLeader<Message>;
  heard: Message[];
  events: string[];
}

let open: Tab[] = [];
afterEach(() => {
  for (const tab of open) tab.leader.close();
  open = [];
});

function openTab(name: string, locks: TabLocks | undefined, group = 'banjjak.queue.drop-1', drain?: () => Promise<void>): Tab {
  const tab: Tab = { name, heard: [], events: [], leader: undefined as unknown as TabLeader<Message> };
  tab.leader = makeTabLeader<Message>({
    name: group,
    locks,
    // Node's own BroadcastChannel: real delivery between channel objects, asynchronous as in a browser.
    channel: broadcastTabChannel<Message>(group),
    onLead: () => tab.events.push('lead'),
    onFollow: () => tab.events.push('follow'),
    onMessage: (message) => tab.heard.push(message),
    drain,
  });
  open.push(tab);
  return tab;
}

/** Lets queued lock grants and channel deliveries happen. */
const settle = () => new Promise((done) => setTimeout(done, 20));
const leaders = (tabs: Tab[]) => tabs.filter((tab) => tab.leader.leading).map((tab) => tab.name);

describe('makeTabLeader', () => {
  it('elects exactly one leader among tabs that all seek, and hands over when it closes', async () => {
    const locks = memoryTabLocks();
    const tabs = ['a', 'b', 'c'].map((name) => openTab(name, locks));
    for (const tab of tabs) tab.leader.seek();
    await settle();
    expect(leaders(tabs)).toEqual(['a']);

    tabs[0]!.leader.close();
    await settle();
    expect(leaders(tabs)).toEqual(['b']);
    expect(tabs[0]!.events).toEqual(['lead', 'follow']);
    expect(tabs[1]!.events).toEqual(['lead']);
    expect(tabs[2]!.events).toEqual([]);

    tabs[1]!.leader.close();
    await settle();
    expect(leaders(tabs)).toEqual(['c']);
  });

  it('shares what the leader publishes with every other tab, and not with itself', async () => {
    const locks = memoryTabLocks();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => openTab(name, locks)) as [Tab, Tab, Tab];
    a.leader.seek();
    b.leader.seek();
    await settle();
    a.leader.publish({ from: 'a', position: 42 });
    await settle();
    expect(b.heard).toEqual([{ from: 'a', position: 42 }]);
    expect(c.heard).toEqual([{ from: 'a', position: 42 }]);
    expect(a.heard).toEqual([]);
  });

  it('passes the lead on when the leader yields (a hidden tab), and a tab that stopped seeking is skipped', async () => {
    const locks = memoryTabLocks();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => openTab(name, locks)) as [Tab, Tab, Tab];
    a.leader.seek();
    b.leader.seek();
    c.leader.seek();
    await settle();
    b.leader.yield(); // b was waiting; it gives up its turn
    a.leader.yield();
    await settle();
    expect(leaders([a, b, c])).toEqual(['c']);
    expect(b.events).toEqual([]);

    a.leader.seek(); // a is visible again: it waits behind c
    await settle();
    expect(leaders([a, b, c])).toEqual(['c']);
    c.leader.yield();
    await settle();
    expect(leaders([a, b, c])).toEqual(['a']);
  });

  it('hands the lock over only once the leader has drained its poll in flight', async () => {
    const locks = memoryTabLocks();
    let finishPoll: () => void = () => {};
    const inFlight = new Promise<void>((done) => (finishPoll = done));
    const a = openTab('a', locks, 'banjjak.queue.drain', () => inFlight);
    const b = openTab('b', locks, 'banjjak.queue.drain');
    a.leader.seek();
    b.leader.seek();
    await settle();
    a.leader.yield();
    await settle();
    // a no longer leads (it starts no new poll), but its last poll is still on its way: b waits.
    expect(leaders([a, b])).toEqual([]);
    finishPoll();
    await settle();
    expect(leaders([a, b])).toEqual(['b']);
  });

  it('seeking twice or yielding when not leading changes nothing', async () => {
    const locks = memoryTabLocks();
    const [a, b] = ['a', 'b'].map((name) => openTab(name, locks)) as [Tab, Tab];
    a.leader.seek();
    a.leader.seek();
    b.leader.yield();
    await settle();
    expect(a.events).toEqual(['lead']);
    expect(b.events).toEqual([]);
    b.leader.seek();
    await settle();
    expect(leaders([a, b])).toEqual(['a']);
  });

  it('keeps separate events apart', async () => {
    const locks = memoryTabLocks();
    const a = openTab('a', locks, 'banjjak.queue.drop-1');
    const b = openTab('b', locks, 'banjjak.queue.drop-2');
    a.leader.seek();
    b.leader.seek();
    await settle();
    expect(leaders([a, b])).toEqual(['a', 'b']);
    a.leader.publish({ from: 'a', position: 1 });
    await settle();
    expect(b.heard).toEqual([]);
  });

  it('lets every tab lead when the browser has no Web Locks (each polls for itself)', async () => {
    const [a, b] = ['a', 'b'].map((name) => openTab(name, undefined)) as [Tab, Tab];
    a.leader.seek();
    b.leader.seek();
    await settle();
    expect(leaders([a, b])).toEqual(['a', 'b']);
    a.leader.yield();
    expect(leaders([a, b])).toEqual(['b']);
  });
});
