import { HOLD_STOCK, RELEASE_STOCK } from '../api/operations';
import { ScreenHeader } from '../common/fields';
import { href, Link, useLocation } from '../common/router';
import { usePosting } from '../common/use-posting';
import { ReasonDocumentForm } from './reason-document-form';

/** Hold / Release: keep units from being shipped while something is checked, then release them. */
export function HoldScreen() {
  const { query } = useLocation();
  const release = query.get('action') === 'release';
  const hold = usePosting(HOLD_STOCK, (d) => d.holdStock);
  const unhold = usePosting(RELEASE_STOCK, (d) => d.releaseStock);
  const posting = release ? unhold : hold;
  const tabs = (
    <nav className="tabs" aria-label="Hold or release">
      <Link to={href('/hold', {})} aria-current={!release ? 'page' : undefined}>
        Put on hold
      </Link>
      <Link to={href('/hold', { action: 'release' })} aria-current={release ? 'page' : undefined}>
        Release
      </Link>
    </nav>
  );
  return (
    <ReasonDocumentForm
      key={release ? 'release' : 'hold'}
      mode={release ? 'RELEASE' : 'HOLD'}
      header={
        <ScreenHeader
          title="Hold / Release"
          intro="A held unit stays in the warehouse but cannot be shipped (unclear label, suspected defect, customer claim)."
          actions={tabs}
        />
      }
      submitLabel={release ? 'Release units' : 'Put on hold'}
      reasonPlaceholder={
        release ? 'e.g. Supplier confirmed the label' : 'e.g. Label unreadable: confirm with supplier'
      }
      post={(input) => posting.post({ input })}
      busy={posting.busy}
      refusal={posting.refusal}
      posted={posting.posted}
      clearPosted={posting.clearPosted}
    />
  );
}
