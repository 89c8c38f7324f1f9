/**
 * What a page downloads before it can run: the Vite manifest's entry chunk and, recursively, every
 * chunk it imports statically. Dynamic imports (the channel page with hls.js, the console) are not
 * part of it: they load when their route opens.
 */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export function initialChunks(manifest: Manifest, entry = 'index.html'): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    if (seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...seen];
}
