import { Component, Suspense, useEffect, useState, type ReactNode } from 'react';
import { ScreenLoadError } from './lazy-screen';

/** How long a screen may take before "Loading…" shows: a fast load never flashes it. */
export const LOADING_DELAY_MS = 300;

/**
 * Around the current screen: "Loading…" while its chunk is on the way (after a short delay), and a
 * message with Retry when it could not be fetched, instead of a blank page. The shell around it
 * (navigation, offline queue) stays usable either way.
 */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  return (
    <ScreenLoadFailure>
      <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
    </ScreenLoadFailure>
  );
}

/**
 * The live region exists from the start and stays empty at first, so a screen reader announces
 * "Loading screen…" only when the wait is long enough to be noticed.
 */
export function ScreenLoading({ delayMs = LOADING_DELAY_MS }: { delayMs?: number }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [delayMs]);
  return (
    <div className="screen-loading" role="status" aria-busy="true">
      {shown ? <span className="muted">Loading screen…</span> : null}
    </div>
  );
}

interface FailureState {
  error: unknown;
}

/** Catches a screen's failed import; any other error is not ours to hide and goes on up. */
class ScreenLoadFailure extends Component<{ children: ReactNode }, FailureState> {
  override state: FailureState = { error: null };

  static getDerivedStateFromError(error: unknown): FailureState {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    // Shown now: Retry, or opening the screen again later, imports its chunk anew.
    if (error instanceof ScreenLoadError) error.forget();
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // A bug in a screen is not a network problem: Retry would not help, so it is not shown as one.
    if (!(error instanceof ScreenLoadError)) throw error;
    return (
      <section className="screen screen-load-failed" role="alert" aria-labelledby="screen-load-failed">
        <header className="screen-header">
          <div>
            <h1 id="screen-load-failed">This screen could not be loaded</h1>
            <p className="screen-intro">
              The connection may have dropped, or a newer version of the app was installed meanwhile. Retry,
              or reload the app to get its newest version.
            </p>
          </div>
        </header>
        <div className="form-actions">
          <button type="button" className="button-primary" onClick={() => this.setState({ error: null })}>
            Retry
          </button>
          <button type="button" className="button-secondary" onClick={() => window.location.reload()}>
            Reload the app
          </button>
        </div>
      </section>
    );
  }
}
