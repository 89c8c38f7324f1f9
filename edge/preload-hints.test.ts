import { describe, expect, it } from 'vitest';
import { preloadLinkFor } from './middleware/preload-hints.js';

describe('preload hints of drop pages', () => {
  it('preloads the drop JSON of the waiting room, the drop page and the booking page', () => {
    expect(preloadLinkFor('/events/seongsu-popup/queue')).toBe('</api/events/seongsu-popup>; rel=preload; as=fetch; crossorigin=anonymous');
    expect(preloadLinkFor('/events/seongsu-popup')).toBe('</api/events/seongsu-popup>; rel=preload; as=fetch; crossorigin=anonymous');
    expect(preloadLinkFor('/events/seongsu-popup/book')).toBe('</api/events/seongsu-popup>; rel=preload; as=fetch; crossorigin=anonymous');
  });

  it('hints nothing for other pages or ids the API would refuse', () => {
    for (const path of ['/', '/me', '/events', '/events/a/b/c', '/events/%E0%A4%A/queue', '/events/has%20space/queue', `/events/${'x'.repeat(300)}/queue`, '/events/..%2F..%2Fadmin/queue']) {
      expect(preloadLinkFor(path), path).toBeUndefined();
    }
  });
});
