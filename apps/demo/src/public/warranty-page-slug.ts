// Apart from the page itself, so the entry can tell a public visit without loading the page's chunk.

/** The slug of a /w/<slug> path, or null for any other path. */
export function warrantyPageSlug(path: string): string | null {
  const match = /^\/w\/([^/]+)\/?$/.exec(path);
  return match ? decodeURIComponent(match[1]!) : null;
}
