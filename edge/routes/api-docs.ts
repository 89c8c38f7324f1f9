import { Hono } from 'hono';
import { buildOpenApiDocument, contract } from '../../core/index.js';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A readable, self-contained page of the contract (no scripts, no CDN), beside the JSON document. */
function renderDocs(): string {
  const rows = contract
    .map((op) => {
      const responses = Object.entries(op.responses)
        .map(([status, [description]]) => `<li><code>${status}</code> ${escape(description)}</li>`)
        .join('');
      const auth = op.auth ? `<span class="auth">${op.auth} token</span>` : '';
      const key = op.idempotencyKey ? '<span class="auth">Idempotency-Key</span>' : '';
      return `<section><h3><span class="m ${op.method}">${op.method.toUpperCase()}</span> <code>${escape(op.path)}</code> ${auth}${key}</h3><p>${escape(op.summary)}</p><ul>${responses}</ul></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Banjjak API</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1b3a}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.3rem 0;font-size:1rem}code{font-size:.95em}
.m{display:inline-block;min-width:4.2rem;font-size:.8rem;color:#fff;border-radius:4px;padding:1px 6px;text-align:center}
.get{background:#2f7d4f}.post{background:#1f5fbf}.patch{background:#a86400}.delete{background:#b3261e}
.auth{font-size:.75rem;border:1px solid #999;border-radius:4px;padding:0 4px;margin-left:.3rem}ul{margin:.2rem 0}
</style></head><body><h1>Banjjak public API</h1>
<p>All JSON. Errors are <code>application/problem+json</code> with a stable <code>code</code>. Tokens travel in <code>Authorization: Bearer</code>.
The machine-readable contract is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, generated from the schemas that validate requests).</p>
${rows}</body></html>`;
}

export function apiDocs() {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  let page: string | undefined;
  return new Hono()
    .get('/openapi.json', (c) => {
      document ??= buildOpenApiDocument();
      c.header('cache-control', 'public, max-age=300');
      return c.json(document);
    })
    .get('/docs', (c) => {
      page ??= renderDocs();
      c.header('cache-control', 'public, max-age=300');
      return c.html(page);
    });
}
