import type { PostedDocument } from '../api/operations';
import { documentTypeLabels } from './labels';
import { Link } from './router';

/** "Shipment SHP-000005 posted", linking to the document. */
export function PostedNotice({
  document,
  onDismiss,
}: {
  document: PostedDocument | null;
  onDismiss?: () => void;
}) {
  if (!document) return null;
  return (
    <div className="notice notice-success" role="status">
      <span>
        {documentTypeLabels[document.type]} <Link to={`/documents/${document.id}`}>{document.number}</Link>{' '}
        posted.
      </span>
      {onDismiss ? (
        <button type="button" className="button-link" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
