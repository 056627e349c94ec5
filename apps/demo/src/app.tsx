import { isValidElement, useEffect, type ReactNode } from 'react';
import { OfflineQueuePanel } from './common/offline-queue-panel';
import { Link, useLocation } from './common/router';
import {
  DocumentScreen,
  DocumentsScreen,
  HoldScreen,
  ImportScreen,
  ProductScreen,
  ProductsScreen,
  ReceiveScreen,
  RecallScreen,
  RepairsScreen,
  ReturnScreen,
  ScanScreen,
  SerialScreen,
  SerialsReportScreen,
  ShipScreen,
  StockCountScreen,
  TransferScreen,
  WarrantyPageScreen,
  WebhookDeliveriesScreen,
  WebhooksScreen,
  WriteOffScreen,
} from './app-screens';
import { ScreenBoundary } from './common/screen-boundary';

interface NavItem {
  path: string;
  label: string;
  icon: string;
}
const NAV: { group: string; items: NavItem[] }[] = [
  {
    group: 'Find',
    items: [
      { path: '/scan', label: 'Scan', icon: '◎' },
      { path: '/serials', label: 'Serials', icon: '☰' },
      { path: '/documents', label: 'Documents', icon: '▤' },
      { path: '/recall', label: 'Recall', icon: '⚠' },
    ],
  },
  {
    group: 'Move stock',
    items: [
      { path: '/receive', label: 'Receive', icon: '↓' },
      { path: '/ship', label: 'Ship', icon: '↑' },
      { path: '/return', label: 'Return', icon: '↩' },
      { path: '/transfer', label: 'Transfer', icon: '⇄' },
      { path: '/import', label: 'Import', icon: '⇪' },
    ],
  },
  {
    group: 'Exceptions',
    items: [
      { path: '/hold', label: 'Hold / Release', icon: '❚❚' },
      { path: '/repairs', label: 'Repairs', icon: '⚒' },
      { path: '/write-off', label: 'Write-off', icon: '✕' },
      { path: '/stock-count', label: 'Stock count', icon: '▣' },
    ],
  },
  {
    group: 'Settings',
    items: [
      { path: '/products', label: 'Products', icon: '▦' },
      { path: '/warranty-page', label: 'Warranty page', icon: '✓' },
      { path: '/webhooks', label: 'Webhooks', icon: '⤳' },
    ],
  },
];

/** The screen for a path; unknown paths land on Scan. */
function route(path: string): { screen: ReactNode; section: string; title: string } {
  const [, first = '', second] = path.split('/');
  const section = `/${first || 'scan'}`;
  const title = NAV.flatMap((g) => g.items).find((i) => i.path === section)?.label ?? 'Scan';
  const screens: Record<string, () => ReactNode> = {
    '/scan': () => <ScanScreen />,
    '/receive': () => <ReceiveScreen />,
    '/ship': () => <ShipScreen />,
    '/return': () => <ReturnScreen />,
    '/transfer': () => <TransferScreen />,
    '/write-off': () => <WriteOffScreen />,
    '/hold': () => <HoldScreen />,
    '/repairs': () => <RepairsScreen />,
    '/recall': () => <RecallScreen />,
    '/import': () => <ImportScreen />,
    '/stock-count': () => (
      <StockCountScreen key={second ?? ''} id={second ? decodeURIComponent(second) : undefined} />
    ),
    '/serials': () => (second ? <SerialScreen key={second} id={second} /> : <SerialsReportScreen />),
    '/documents': () => (second ? <DocumentScreen key={second} id={second} /> : <DocumentsScreen />),
    '/products': () => (second ? <ProductScreen key={second} id={second} /> : <ProductsScreen />),
    '/warranty-page': () => <WarrantyPageScreen />,
    '/webhooks': () =>
      second ? (
        <WebhookDeliveriesScreen key={second} endpointId={decodeURIComponent(second)} />
      ) : (
        <WebhooksScreen />
      ),
  };
  return { screen: (screens[section] ?? screens['/scan']!)(), section, title };
}

/**
 * Starts fetching the chunk of the screen at `path` (the one the app opens at), alongside the
 * demo's configuration, so the first screen does not wait for the shell to render before loading.
 */
export function preloadScreen(path: string): void {
  const { screen } = route(path);
  const type: unknown = isValidElement(screen) ? screen.type : undefined;
  if (typeof type === 'function' && 'preload' in type && typeof type.preload === 'function')
    void type.preload();
}

/** Screens whose query is their filter: a change refilters in place (focus and typing kept). */
const FILTERED_IN_PLACE = new Set(['/serials', '/documents', '/repairs', '/recall']);

/** The back office: navigation beside (laptop) or above (tablet) the current screen. */
export function App() {
  const { path, query } = useLocation();
  const { screen, section, title } = route(path);
  useEffect(() => {
    document.title = `${title} · serialgraph demo`;
  }, [title]);
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link to="/scan" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            serialgraph <small>demo back office</small>
          </span>
        </Link>
        <nav aria-label="Screens" className="nav">
          {NAV.map((group) => (
            <div key={group.group} className="nav-group">
              <div className="nav-group-label">{group.group}</div>
              {group.items.map((item) => (
                <Link
                  key={item.path}
                  to={item.path}
                  className="nav-item"
                  aria-current={section === item.path ? 'page' : undefined}
                >
                  <span className="nav-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  {item.label}
                </Link>
              ))}
            </div>
          ))}
        </nav>
        <div className="sidebar-foot muted">Organization “demo”</div>
      </aside>
      {/* A new key per screen and query resets each form when the clerk navigates to it again. */}
      <main className="main" key={`${path}?${FILTERED_IN_PLACE.has(section) ? '' : query.toString()}`}>
        <OfflineQueuePanel />
        <ScreenBoundary>{screen}</ScreenBoundary>
      </main>
    </div>
  );
}
