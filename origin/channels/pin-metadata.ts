import type { Pin } from './channel-stream.js';

/** PutMetadata takes at most 1 KB per request (https://docs.aws.amazon.com/ivs/latest/LowLatencyAPIReference/API_PutMetadata.html). */
export const PUT_METADATA_MAX_BYTES = 1024;

export interface PinMetadata {
  /** `{"t":"pins","p":[["<eventId>","<itemId>"],...]}`: pointers only; players read price and stock from the drop's JSON. */
  metadata: string;
  /** How many of the pins fit (all of them unless the set would exceed the limit). */
  carried: number;
}

const encoder = new TextEncoder();

/**
 * The timed-metadata string for a pin set, in display order. A set that would exceed 1 KB keeps its
 * leading pins (the ids are at most 64 characters and a channel features at most 3 products, so a
 * real set is under 450 bytes).
 */
export function encodePinMetadata(pins: readonly Pin[]): PinMetadata {
  for (let carried = pins.length; carried > 0; carried -= 1) {
    const metadata = render(pins.slice(0, carried));
    if (encoder.encode(metadata).byteLength <= PUT_METADATA_MAX_BYTES) return { metadata, carried };
  }
  return { metadata: render([]), carried: 0 };
}

function render(pins: readonly Pin[]): string {
  return JSON.stringify({ t: 'pins', p: pins.map((pin) => [pin.eventId, pin.itemId]) });
}
