import { useQuery, useSubscription } from '@apollo/client/react';
import { SERIAL_BY_ID, SERIAL_CHANGED } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { ScreenHeader } from '../common/fields';
import { Link } from '../common/router';
import { SerialView } from '../common/serial-view';

/** One unit by id (from the report, a document or a swap link). */
export function SerialScreen({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(SERIAL_BY_ID, { variables: { id } });
  const serial = data?.node?.__typename === 'Serial' ? data.node : null;
  // Another clerk's document moved this unit: read its state and history again.
  useSubscription(SERIAL_CHANGED, {
    variables: { number: serial?.number ?? '' },
    skip: !serial,
    onData: ({ data: change }) => {
      if (change.data?.serialChanged.id === id) void refetch();
    },
  });
  return (
    <div className="screen">
      <ScreenHeader title="Unit history" intro={<Link to="/serials">← Serials report</Link>} />
      <RefusalMessage refusal={toRefusal(error)} />
      {loading && !serial ? <p className="muted">Loading…</p> : null}
      {!loading && !serial && !error ? (
        <div className="notice notice-warning">This unit does not exist.</div>
      ) : null}
      {serial ? <SerialView serial={serial} /> : null}
    </div>
  );
}
