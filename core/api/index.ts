export * from './ids.js';
export * from './event.js';
export * from './queue.js';
export * from './booking.js';
export * from './auth.js';
export * from './channel.js';
export * from './problem.js';
export { contract, type Operation, type Auth } from './contract.js';
export { buildOpenApiDocument } from './openapi.js';
