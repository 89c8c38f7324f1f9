/** The pattern phones buzz when the turn comes: two short pulses. */
export const TURN_VIBRATION = [200, 100, 200];

/**
 * Tells a visitor whose attention is elsewhere that the turn has come: the tab's title (visible in
 * a background tab's strip), a vibration where the browser allows one, and two short tones via
 * Web Audio, only after the page has had a user gesture (browsers refuse sound before one, and
 * an unasked sound would be rude). The visible notice and the assertive live region are the view's.
 */
export function announceTurn(title: string): void {
  document.title = title;
  try {
    navigator.vibrate?.(TURN_VIBRATION);
  } catch {
    // Not allowed here (no gesture yet, desktop): the notice and the title are enough.
  }
  if (hadUserGesture()) playChime();
}

function hadUserGesture(): boolean {
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
  return activation?.hasBeenActive ?? false;
}

function playChime(): void {
  const Context = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Context) return;
  try {
    const audio = new Context();
    const start = audio.currentTime;
    [0, 0.22].forEach((offset, index) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = index === 0 ? 880 : 1320;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.2);
    });
    setTimeout(() => void audio.close().catch(() => undefined), 1_000);
  } catch {
    // No audio device, or the browser refused: silence is fine.
  }
}
