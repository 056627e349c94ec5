import { WRITE_OFF_STOCK } from '../api/operations';
import { ScreenHeader } from '../common/fields';
import { usePosting } from '../common/use-posting';
import { ReasonDocumentForm } from './reason-document-form';

/** Write-off: units (in stock or on hold) and quantities that leave for good, with the reason. */
export function WriteOffScreen() {
  const posting = usePosting(WRITE_OFF_STOCK, (d) => d.writeOffStock);
  return (
    <ReasonDocumentForm
      mode="WRITE_OFF"
      header={
        <ScreenHeader
          title="Write-off"
          intro="Units that will never be sold: broken beyond repair, lost, scrapped. Their history stays."
        />
      }
      submitLabel="Write off"
      reasonPlaceholder="e.g. Beyond repair: keeps rebooting"
      tone="danger"
      post={(input) => posting.post({ input })}
      busy={posting.busy}
      refusal={posting.refusal}
      posted={posting.posted}
      clearPosted={posting.clearPosted}
    />
  );
}
