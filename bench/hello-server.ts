import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The baseline of bench:edge: a bare Hono hello-world on the same adapter as the edge.
const app = new Hono().get('/', (c) => c.text('Hello Hono!'));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.send?.({ type: 'ready', port: info.port }));
process.on('disconnect', () => process.exit(0));
