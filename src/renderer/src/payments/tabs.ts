export const PAYMENT_TABS = [
  { id: 'unmatched', label: 'Unmatched' },
  { id: 'matched', label: 'Matched' },
  { id: 'exceptions', label: 'Exceptions' },
  { id: 'all', label: 'All' },
] as const;
export type PaymentTab = (typeof PAYMENT_TABS)[number]['id'];

export function toTab(value: string | undefined): PaymentTab {
  return PAYMENT_TABS.find((t) => t.id === value)?.id ?? 'unmatched';
}

export const tabId = (tab: PaymentTab) => `payments-tab-${tab}`;
export const TAB_PANEL_ID = 'payments-tabpanel';
