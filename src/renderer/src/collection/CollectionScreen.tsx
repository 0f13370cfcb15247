import { useState } from 'react';
import type { BatchRow, LicenceRow } from '../../../shared/contract/licences.js';
import { Behind } from '../licences/ConfirmDialog.js';
import { useSignedIn } from '../session/SessionContext.js';
import { hrefFor } from '../shell/routes.js';
import { BatchesOnTheWay } from './BatchesOnTheWay.js';
import { CollectForm } from './CollectForm.js';
import { CollectionSearch } from './CollectionSearch.js';
import { ReceiveDialog } from './ReceiveDialog.js';
import { WaitingList } from './WaitingList.js';
import '../licences/licences.css';

/** The centre clerk's desk: batches arriving, finding a holder's licence, handing it over. */
export function CollectionScreen() {
  const { user } = useSignedIn();
  const [search, setSearch] = useState('');
  const [receiving, setReceiving] = useState<BatchRow | null>(null);
  const [collecting, setCollecting] = useState<LicenceRow | null>(null);
  // The search takes the focus back when a dialog closes: the next person at the counter.
  const [searchFocus, setSearchFocus] = useState(0);
  function closeDialog() {
    setReceiving(null);
    setCollecting(null);
    setSearchFocus((n) => n + 1);
  }
  return (
    <section className="screen collection-screen" aria-labelledby="collection-title">
      <Behind dialogOpen={Boolean(receiving || collecting)}>
        <div className="screen-head">
          <h1 id="collection-title">Collection{user.centreName ? `: ${user.centreName}` : ''}</h1>
          <a href={hrefFor('verify')}>Verify a licence</a>
        </div>
        <p className="centre-line">
          {user.centreName ? `Licences for ${user.centreName} only.` : 'Your account has no centre: ask an administrator to set one.'}
        </p>
        <BatchesOnTheWay onReceive={setReceiving} />
        <CollectionSearch text={search} onText={setSearch} onCollect={setCollecting} focusSignal={searchFocus} />
        <WaitingList />
      </Behind>
      {receiving && <ReceiveDialog batch={receiving} onDone={closeDialog} />}
      {collecting && <CollectForm licence={collecting} onDone={closeDialog} />}
    </section>
  );
}
