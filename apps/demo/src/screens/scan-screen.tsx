import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { CameraButton, cameraSettings } from '@serialgraph/react';
import { LOOKUP_SERIAL } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { ScreenHeader } from '../common/fields';
import { href, navigate, useLocation } from '../common/router';
import { SerialView } from '../common/serial-view';
import { StatusPill } from '../common/status-pill';

const SINGLE_READ = { continuous: false };

/** Scan: one box; any number shows that unit, its history and what can be done next. */
export function ScanScreen() {
  const { query } = useLocation();
  const number = query.get('number')?.trim() ?? '';
  const choice = query.get('product');
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [camera] = useState(() => cameraSettings(SINGLE_READ));
  const { data, loading, error } = useQuery(LOOKUP_SERIAL, { variables: { number }, skip: !number });

  const find = (text: string) => {
    const scanned = text.trim();
    if (!scanned) return;
    navigate(href('/scan', { number: scanned }));
    // Ready for the next scan: a scanner types the number and Enter.
    setDraft('');
    input.current?.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    find(draft);
  };

  const matches = data?.lookupSerial ?? [];
  const serial = matches.length === 1 ? matches[0] : matches.find((m) => m.product.id === choice);

  return (
    <div className="screen">
      <ScreenHeader
        title="Scan"
        intro="Scan or type any serial number to see where that unit is, its whole story, and what to do next."
      />
      <form className="scan-box card" onSubmit={submit} role="search">
        <label htmlFor="scan-input" className="visually-hidden">
          Serial number
        </label>
        <input
          id="scan-input"
          ref={input}
          className="scan-input mono"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Scan a serial number… e.g. device-00103"
          autoFocus
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button-primary">
          Find
        </button>
        {camera && (
          // One read finds the unit, like a typed number; the viewfinder closes after it.
          <CameraButton className="button-secondary scan-camera" settings={camera} onRead={find} />
        )}
      </form>
      <RefusalMessage refusal={toRefusal(error)} />
      {number && !loading && data && matches.length === 0 ? (
        <div className="notice notice-warning" role="status">
          No unit has the number <strong className="mono">{number}</strong>. Check the label, or receive it
          first.
        </div>
      ) : null}
      {matches.length > 1 && !serial ? (
        <div className="card">
          <p>
            <strong className="mono">{number}</strong> is recorded for {matches.length} products. Which one is
            in your hand?
          </p>
          <ul className="choice-list">
            {matches.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => navigate(href('/scan', { number, product: m.product.id }))}
                >
                  {m.product.sku} · {m.product.name}
                </button>{' '}
                <StatusPill status={m.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {serial ? <SerialView serial={serial} /> : null}
      {!number ? (
        <div className="empty-hint">
          <p>Try one of the demo's units:</p>
          <ul className="chips">
            {['device-00103', 'device-00107', 'device-00112', 'device-00120', 'LTP-2026-000125'].map((n) => (
              <li key={n}>
                <button
                  type="button"
                  className="chip mono"
                  onClick={() => navigate(href('/scan', { number: n }))}
                >
                  {n}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
