/** Random ids that let the origin count distinct viewers without knowing who they are. */
const DEVICE_KEY = 'banjjak.viewer';

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const viewerId = {
  /** This browser, kept across visits (cleared with the other `banjjak.` records at log out). */
  device(): string {
    try {
      const stored = localStorage.getItem(DEVICE_KEY);
      if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
      const fresh = randomId();
      localStorage.setItem(DEVICE_KEY, fresh);
      return fresh;
    } catch {
      return randomId();
    }
  },
  /** One playback session: a new one every time the player page opens. */
  session: randomId,
};
