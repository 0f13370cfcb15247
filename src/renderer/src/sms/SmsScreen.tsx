import { useState } from 'react';
import { useApiQuery } from '../api/hooks.js';
import { SplitView } from '../components/SplitView.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { smsColumns } from './columns.js';
import { toSmsListInput, useSmsFilters } from './filters.js';
import { SmsFiltersBar } from './SmsFiltersBar.js';
import { SmsPanel } from './SmsPanel.js';

/** Messages to applicants, newest first; a message opens in the side panel. */
export function SmsScreen({ state: stateInRoute }: { state?: string | undefined }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const grid = useServerGrid({
    query: 'sms.list',
    filters: useSmsFilters(stateInRoute),
    typed: (f) => f.search.trim(),
    input: ({ filters, typed, page }) => toSmsListInput(filters, typed, page),
    columns: smsColumns,
  });
  const summary = useApiQuery('sms.summary', {});

  return (
    <section className="screen" aria-labelledby="sms-title">
      <div className="screen-head">
        <h1 id="sms-title">SMS</h1>
      </div>
      {summary.data && !summary.data.gatewayConfigured && !summary.data.sentByServer && (
        <p className="notice">The SMS gateway is not configured: messages wait in the queue until an administrator sets it up in Settings.</p>
      )}
      <SmsFiltersBar filters={grid.filters} onChange={grid.setFilters} />
      <SplitView className="sms-split" panel={openId && <SmsPanel id={openId} onClose={() => setOpenId(null)} />}>
        <ServerGrid grid={grid} label="SMS messages" noun="messages" selectedId={openId} onRowClick={(id) => setOpenId(id)} empty="No messages match." />
      </SplitView>
    </section>
  );
}
