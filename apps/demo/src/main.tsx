import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import '@serialgraph/react/styles.css';
import './styles/app.css';
import { createDemoClient, loadDemoConfig } from './api/demo-client';
import { DemoConfigProvider } from './api/demo-config-context';
import { App, preloadScreen } from './app';
import { warrantyPageSlug } from './public/warranty-page-slug';
import { offlineQueue } from './common/offline-queue';
import { startOfflineReplay } from './common/offline-replay';
import { lazyScreen } from './common/lazy-screen';
import { ScreenBoundary } from './common/screen-boundary';

/** The public page is its own chunk: a clerk never loads it, a customer loads nothing else of the app's screens. */
const WarrantyPage = lazyScreen(() => import('./public/warranty-page'), 'WarrantyPage');

const root = createRoot(document.getElementById('root')!);
const warrantySlug = warrantyPageSlug(window.location.pathname);

if (warrantySlug) {
  // The public warranty page (/w/<slug>) is for anyone: it never fetches the demo's key.
  root.render(
    <StrictMode>
      <ScreenBoundary>
        <WarrantyPage slug={warrantySlug} />
      </ScreenBoundary>
    </StrictMode>,
  );
} else {
  startBackOffice();
}

// The API in demo mode hands out the demo organization's key: nothing to copy or paste.
function startBackOffice() {
  preloadScreen(window.location.pathname);
  loadDemoConfig().then(
    (config) => {
      const client = createDemoClient(config);
      startOfflineReplay(client, offlineQueue);
      root.render(
        <StrictMode>
          <ApolloProvider client={client}>
            <DemoConfigProvider config={config}>
              <App />
            </DemoConfigProvider>
          </ApolloProvider>
        </StrictMode>,
      );
    },
    (error: unknown) => {
      root.render(
        <div className="boot-error" role="alert">
          <h1>The demo cannot reach its API</h1>
          <p>{error instanceof Error ? error.message : String(error)}</p>
          <p>
            Start it with <code>pnpm start</code> (or <code>pnpm dev</code> beside a running API) and reload.
          </p>
        </div>,
      );
    },
  );
}
