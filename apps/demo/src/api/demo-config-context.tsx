import { createContext, useContext, type ReactNode } from 'react';
import type { DemoConfig } from './demo-client';

// The demo's key, for the few requests that are not GraphQL (printable labels from /labels).
const DemoConfigContext = createContext<DemoConfig | null>(null);

export function DemoConfigProvider({ config, children }: { config: DemoConfig; children: ReactNode }) {
  return <DemoConfigContext.Provider value={config}>{children}</DemoConfigContext.Provider>;
}

/** The configuration the app started with; only inside DemoConfigProvider. */
export function useDemoConfig(): DemoConfig {
  const config = useContext(DemoConfigContext);
  if (!config) throw new Error('useDemoConfig needs a DemoConfigProvider around the app.');
  return config;
}
