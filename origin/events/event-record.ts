import type { AdmissionSettings, CreateEvent } from '../../core/index.js';

/** An event as stored in the ledger: the operator's definition plus mutable knobs and the fairness seed. */
export interface EventRecord extends Omit<CreateEvent, 'id' | 'admission' | 'queueAll' | 'hidden'> {
  id: string;
  /** Kept out of the catalog; absent on records written before the flag existed. */
  hidden?: boolean;
  admission: AdmissionSettings;
  queueAll: boolean;
  paused: boolean;
  closed: boolean;
  /** Secret until the event starts; its SHA-256 is public from creation. */
  seed: string;
  seedSha256: string;
  createdAt: string;
  /** Optimistic-concurrency version for knob updates. */
  version: number;
}
