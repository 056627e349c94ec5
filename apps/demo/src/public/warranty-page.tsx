import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatDate } from '../common/labels';
import './warranty-page.css';

// The organization's public warranty page, /w/<slug>: for its customers, not its clerks. No
// navigation and no API key: it asks the one question the API answers without one.

const LOOKUP = `query PublicWarranty($organization: String!, $serial: String!) {
  publicWarranty(organization: $organization, serial: $serial) { productName endsAt active }
}`;

interface Unit {
  productName: string;
  endsAt: string;
  active: boolean;
}

type Answer =
  | { kind: 'found'; number: string; units: Unit[] }
  | { kind: 'none'; number: string }
  | { kind: 'busy'; seconds: number }
  | { kind: 'failed' };

async function lookUp(organization: string, serial: string): Promise<Answer> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: LOOKUP, variables: { organization, serial } }),
  });
  if (response.status === 429)
    return { kind: 'busy', seconds: Number(response.headers.get('retry-after')) || 60 };
  if (!response.ok) return { kind: 'failed' };
  const body = (await response.json()) as { data?: { publicWarranty?: Unit[] } };
  const units = body.data?.publicWarranty;
  if (!units) return { kind: 'failed' };
  return units.length ? { kind: 'found', number: serial, units } : { kind: 'none', number: serial };
}

/** One serial number in, its warranty out; the same "not found" whatever the reason. */
export function WarrantyPage({ slug }: { slug: string }) {
  const inputId = useId();
  const [number, setNumber] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    document.title = 'Warranty check';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const serial = number.trim();
    if (!serial) return;
    setChecking(true);
    setAnswer(null);
    try {
      setAnswer(await lookUp(slug, serial));
    } catch {
      setAnswer({ kind: 'failed' });
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="public-page">
      <header className="public-header">
        <h1>Warranty check</h1>
        <p className="muted">Type the serial number printed on your device’s label to see its warranty.</p>
      </header>
      <form className="public-form card" onSubmit={submit} aria-busy={checking} aria-label="Warranty check">
        <label htmlFor={inputId}>Serial number</label>
        <div className="public-form-row">
          <input
            id={inputId}
            className="scan-input mono"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
            required
          />
          <button type="submit" className="button button-primary" disabled={checking}>
            {checking ? 'Checking…' : 'Check warranty'}
          </button>
        </div>
      </form>
      <section aria-live="polite" aria-label="Result" className="public-result">
        {answer ? <AnswerView answer={answer} /> : null}
      </section>
    </main>
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  switch (answer.kind) {
    case 'found':
      return (
        <ul className="public-units">
          {answer.units.map((unit, i) => (
            <li key={i} className="card public-unit" data-active={unit.active}>
              <h2>{unit.productName}</h2>
              <p>
                Serial number <span className="mono">{answer.number}</span>
              </p>
              <p className="public-verdict">
                <span className="pill" data-warranty={unit.active ? 'active' : 'ended'}>
                  {unit.active ? 'Under warranty' : 'Warranty ended'}
                </span>{' '}
                {unit.active ? 'until' : 'on'} <strong>{formatDate(unit.endsAt)}</strong>
              </p>
            </li>
          ))}
        </ul>
      );
    case 'none':
      return (
        <p className="card public-none" data-answer="none">
          We found no warranty for <span className="mono">{answer.number}</span>. Check the number on the
          label and try again.
        </p>
      );
    case 'busy':
      return (
        <p className="notice notice-warning">
          Too many checks from your network. Try again in {answer.seconds} seconds.
        </p>
      );
    case 'failed':
      return (
        <p className="notice notice-warning">
          The warranty check is not available right now. Try again later.
        </p>
      );
  }
}
