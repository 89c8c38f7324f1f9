import { describe, expect, it } from 'vitest';
import { initialChunks } from '../../tools/initial-js.js';

describe('initial chunks', () => {
  it('follows static imports and leaves dynamic ones out', () => {
    const manifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_shared.js'], dynamicImports: ['src/channel.tsx'] },
      '_shared.js': { file: 'assets/shared.js', imports: ['index.html'] },
      'src/channel.tsx': { file: 'assets/channel.js', imports: ['_shared.js'], dynamicImports: ['hls'] },
      hls: { file: 'assets/hls.js' },
    };
    expect(initialChunks(manifest)).toEqual(['assets/index.js', 'assets/shared.js']);
    expect(initialChunks(manifest, 'src/channel.tsx')).toEqual(['assets/channel.js', 'assets/shared.js', 'assets/index.js']);
  });

  it('refuses a manifest that lacks the entry', () => {
    expect(() => initialChunks({}, 'index.html')).toThrow(/no chunk index.html/);
  });
});
