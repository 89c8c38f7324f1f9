import { describeInventoryGateContract } from './inventory-gate.contract.js';
import { createMemoryInventoryGate } from './memory-inventory-gate.js';

// A wipe of the in-process store is a restarted process: a brand-new gate.
describeInventoryGateContract('memory', async () => ({
  gate: createMemoryInventoryGate(),
  wipe: async () => createMemoryInventoryGate(),
}));
