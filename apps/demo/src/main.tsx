import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import '@serialgraph/react/styles.css';
import './styles/app.css';
import { createDemoClient, loadDemoConfig } from './api/demo-client';
import { App } from './app';
import { offlineQueue } from './common/offline-queue';
import { startOfflineReplay } from './common/offline-replay';

const root = createRoot(document.getElementById('root')!);

// The API in demo mode hands out the demo organization's key: nothing to copy or paste.
loadDemoConfig().then(
  (config) => {
    const client = createDemoClient(config);
    startOfflineReplay(client, offlineQueue);
    root.render(
      <StrictMode>
        <ApolloProvider client={client}>
          <App />
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
