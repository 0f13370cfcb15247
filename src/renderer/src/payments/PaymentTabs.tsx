import type { KeyboardEvent } from 'react';
import { PAYMENT_TABS, TAB_PANEL_ID, tabId, type PaymentTab } from './tabs.js';

/** Tabs with the keyboard behaviour people expect: arrows, Home and End move between them. */
export function PaymentTabs({ current, onSelect }: { current: PaymentTab; onSelect: (tab: PaymentTab) => void }) {
  function onKeyDown(event: KeyboardEvent) {
    const index = PAYMENT_TABS.findIndex((t) => t.id === current);
    const last = PAYMENT_TABS.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = PAYMENT_TABS[(next + PAYMENT_TABS.length) % PAYMENT_TABS.length]!;
    onSelect(tab.id);
    document.getElementById(tabId(tab.id))?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label="Payments" onKeyDown={onKeyDown}>
      {PAYMENT_TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(t.id)}
          aria-selected={t.id === current}
          aria-controls={TAB_PANEL_ID}
          tabIndex={t.id === current ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
