import { useEffect, useRef, useState } from 'react';

/**
 * A signing secret the API shows in this one answer only: a read-only field to copy it from, focused
 * when it appears so a keyboard or screen reader user lands on it, and a plain "shown once" note.
 */
export function SecretOnce({ secret, url, rotated }: { secret: string; url: string; rotated?: boolean }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [secret]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): the field stays selectable.
      field.current?.select();
      setCopied(false);
    }
  };

  return (
    <section className="card secret-once" aria-labelledby="secret-once-title">
      <h2 id="secret-once-title" className="card-title">
        {rotated ? 'New signing secret' : 'Signing secret'}
      </h2>
      <p className="notice notice-warning">
        <span>
          <strong>Shown once.</strong> Copy it now into the receiver at {url}: serialgraph cannot show it
          again{rotated ? ', and the old secret no longer signs' : ''}. Lost it? Rotate the secret.
        </span>
      </p>
      <div className="secret-once-row">
        <label htmlFor="secret-once-value" className="visually-hidden">
          Signing secret (shown once)
        </label>
        <input
          ref={field}
          id="secret-once-value"
          className="mono"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <span role="status" className="field-hint">
        {copied === true ? 'Copied to the clipboard.' : copied === false ? 'Copy it from the field.' : ''}
      </span>
    </section>
  );
}
