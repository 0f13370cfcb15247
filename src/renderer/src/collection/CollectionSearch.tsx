import { useEffect, useRef, type FormEvent } from 'react';
import type { LicenceRow } from '../../../shared/contract/licences.js';
import { displayPhone } from '../../../shared/phone.js';
import { useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useDebounced } from '../components/useDebounced.js';
import { collectorText } from '../licences/LicenceDetailView.js';
import { LicenceStateBadge } from '../licences/LicenceStateBadge.js';

/** Who collected it and when, for a collected licence in the results. */
function CollectedNote({ id }: { id: string }) {
  const detail = useApiQuery('licence.detail', { id });
  if (!detail.data) return <span className="muted">{detail.error ? 'Could not load who collected it.' : 'Loading…'}</span>;
  return <span className="collected-note">Collected by {collectorText(detail.data)}</span>;
}

function Action({ licence, onCollect }: { licence: LicenceRow; onCollect: (l: LicenceRow) => void }) {
  switch (licence.state) {
    case 'at_centre':
      return (
        <button type="button" className="primary" onClick={() => onCollect(licence)}>
          Mark collected
        </button>
      );
    case 'collected':
      return <CollectedNote id={licence.id} />;
    case 'dispatched':
      return <span className="muted">On its way: confirm its batch received first.</span>;
    case 'issued':
      return <span className="muted">Not yet dispatched to the centre.</span>;
    case 'revoked':
      return <span className="muted">Revoked: do not hand it over.</span>;
  }
}

interface Props {
  text: string;
  onText: (text: string) => void;
  onCollect: (licence: LicenceRow) => void;
  /** The field takes the focus on arrival and whenever this changes (a dialog closed). */
  focusSignal: number;
}

/** Finds a holder's licence by ID number, licence number, name or phone, to check against their ID. */
export function CollectionSearch({ text, onText, onCollect, focusSignal }: Props) {
  const field = useRef<HTMLInputElement>(null);
  const search = useDebounced(text.trim(), 300);
  const results = useApiQuery('licences.list', { search, sort: 'licenceNo', dir: 'desc', pageSize: 20 }, { enabled: search.length >= 2, keepPrevious: true });
  const rows = search.length >= 2 ? (results.data?.rows ?? []) : [];

  useEffect(() => field.current?.focus(), [focusSignal]);

  // Enter hands over the one licence found, once the results answer what is typed.
  function submit(event: FormEvent) {
    event.preventDefault();
    const current = search === text.trim() && results.isSuccess && !results.isPlaceholderData;
    const [only] = rows;
    if (current && rows.length === 1 && only?.state === 'at_centre') onCollect(only);
  }
  return (
    <section className="licence-section collection-search" aria-labelledby="find-title">
      <h2 id="find-title">Find a licence</h2>
      <form role="search" aria-label="Find a licence" onSubmit={submit}>
        <div className="field">
          <label htmlFor="collection-search">Search</label>
          <input
            id="collection-search"
            ref={field}
            type="search"
            aria-describedby="collection-search-hint"
            value={text}
            onChange={(e) => onText(e.target.value)}
            autoComplete="off"
          />
          <p className="hint" id="collection-search-hint">
            ID number, licence number, name or phone. Enter marks the one licence found as collected.
          </p>
        </div>
      </form>
      <ErrorAlert error={results.error} />
      {search.length >= 2 && (
        <SimpleTable
          label="Search results"
          headings={['Name', 'National ID', 'Phone', 'Licence number', { label: 'Year', className: 'num' }, 'State', 'Collection']}
          empty={rows.length === 0 && { text: 'No licence at this centre matches.', loading: results.isFetching }}
          busy={results.isFetching}
        >
          {rows.map((l) => (
            <tr key={l.id}>
              <td>{l.holderName}</td>
              <td className="nowrap">{l.nationalId}</td>
              <td className="nowrap">{displayPhone(l.phone)}</td>
              <td className="nowrap">{l.licenceNo}</td>
              <td className="num">{l.licenceYear}</td>
              <td>
                <LicenceStateBadge state={l.state} />
              </td>
              <td>
                <Action licence={l} onCollect={onCollect} />
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </section>
  );
}
