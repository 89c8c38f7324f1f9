import { describeAdmissionQueueContract } from './admission-queue.contract.js';
import { createMemoryAdmissionQueue } from './memory-admission-queue.js';

// A wipe of the in-process store is a restarted process: a brand-new queue.
describeAdmissionQueueContract('memory', async () => ({
  queue: createMemoryAdmissionQueue(),
  wipe: async () => createMemoryAdmissionQueue(),
}));
