import { use, type ComponentType, type JSX } from 'react';

// Screens load on demand (one chunk each), so a clerk opening Scan never downloads the webhooks,
// stock count or label screens. React.lazy keeps a failed import failed for good; here the failure
// is kept only until <ScreenBoundary> has shown it, so its Retry (or the next visit) imports the
// chunk again (a failed dynamic import is fetched anew by the browser).

/** Thrown while rendering a screen whose chunk could not be fetched (network, or a newer deployment). */
export class ScreenLoadError extends Error {
  constructor(
    cause: unknown,
    /** Drops the failed import, so the next render of the screen tries again. */
    readonly forget: () => void,
  ) {
    super('The screen could not be loaded.', { cause });
    this.name = 'ScreenLoadError';
  }
}

/** A screen component that imports its module when first rendered, or earlier through `preload`. */
export type LazyScreen<P> = ((props: P) => JSX.Element) & {
  /** Starts the import (without rendering); resolves once the screen can render at once. */
  preload(): Promise<unknown>;
};

/**
 * The export `name` of the module `load` imports, as a component fetched on first render. `load`
 * must be a literal `() => import('./…')` so the bundler makes the module a chunk of its own.
 */
export function lazyScreen<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyScreen<M[K] extends ComponentType<infer P> ? P : never> {
  type P = M[K] extends ComponentType<infer Props> ? Props : never;
  let pending: Promise<M> | undefined;
  const module = (): Promise<M> => {
    if (pending) return pending;
    const attempt: Promise<M> = load().then(
      (loaded) => {
        // The fields React's `use` reads: a screen preloaded before its first render shows at once,
        // without a pass through the Suspense fallback.
        Object.assign(attempt, { status: 'fulfilled', value: loaded });
        return loaded;
      },
      (cause: unknown) => {
        // Kept (not retried at once, which would loop) until the boundary has caught it.
        const error = new ScreenLoadError(cause, () => {
          if (pending === attempt) pending = undefined;
        });
        Object.assign(attempt, { status: 'rejected', reason: error });
        throw error;
      },
    );
    pending = attempt;
    return attempt;
  };
  const Screen = (props: P) => {
    const Component = use(module())[name] as ComponentType<P>;
    return <Component {...(props as P & JSX.IntrinsicAttributes)} />;
  };
  Screen.displayName = `lazyScreen(${String(name)})`;
  Screen.preload = () => module().catch(() => undefined);
  return Screen as LazyScreen<P>;
}
