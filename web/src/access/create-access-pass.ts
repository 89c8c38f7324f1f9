import { createMemo, createSignal, type Accessor } from 'solid-js';
import { identityStore } from '../identity/identity-store.js';
import { createNow } from '../time/create-now.js';
import { accessPassStore, type AccessPass } from './access-pass-store.js';

export interface HeldAccessPass extends AccessPass {
  userId: string;
}

export interface AccessPassHandle {
  /** The current identity's valid pass for the event, if any; turns undefined when it expires. */
  pass: Accessor<HeldAccessPass | undefined>;
  forget: () => void;
}

/** The access pass for an event as a reactive value, re-checked every few seconds for expiry. */
export function createAccessPass(eventId: Accessor<string>): AccessPassHandle {
  const [version, setVersion] = createSignal(0);
  const now = createNow(5_000);
  const pass = createMemo<HeldAccessPass | undefined>(
    () => {
      version();
      now();
      const identity = identityStore.current();
      const stored = identity && accessPassStore.read(eventId(), identity.userId);
      return stored && identity ? { ...stored, userId: identity.userId } : undefined;
    },
    undefined,
    { equals: (a, b) => a?.accessToken === b?.accessToken && a?.userId === b?.userId },
  );
  return {
    pass,
    forget() {
      const identity = identityStore.current();
      if (identity) accessPassStore.forget(eventId(), identity.userId);
      setVersion((value) => value + 1);
    },
  };
}
