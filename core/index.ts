// The only public face of core: runtime-agnostic protocol shared by edge, origin, web and loadtest.
export * from './errors/index.js';
export * from './api/index.js';
export * from './tokens/index.js';
export * from './queue-math/index.js';
export * from './lifecycle/index.js';
export * from './clock.js';
export * from './telemetry/index.js';
