import { createSignal } from 'solid-js';
import { makeJsonStorage } from '../storage/make-json-storage.js';

export interface SessionDrop {
  id: string;
  title: string;
}

const isDrops = (value: unknown): value is SessionDrop[] =>
  Array.isArray(value) && value.every((drop: unknown) => typeof drop === 'object' && drop !== null && typeof (drop as SessionDrop).id === 'string' && typeof (drop as SessionDrop).title === 'string');

/**
 * Drops created in this tab. The catalog the list reads is cached ~30 s at the CDN and leaves hidden
 * drops out, so a drop just created is listed from here until the catalog shows it.
 */
const storage = makeJsonStorage('session', 'console', isDrops);
const [drops, setDrops] = createSignal<SessionDrop[]>(storage.read('drops') ?? []);

export const sessionDrops = {
  list: drops,
  add(drop: SessionDrop) {
    const next = [drop, ...drops().filter((known) => known.id !== drop.id)];
    storage.write('drops', next);
    setDrops(next);
  },
};
