/** SMS templates: `{name}`-style placeholders, filled from the event's values. */
export const SMS_PLACEHOLDERS = ['name', 'ref', 'year', 'amount', 'billRef', 'reason', 'centre', 'town', 'licenceNo'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];
export type SmsValues = Partial<Record<SmsPlaceholder, string>>;

// Names may hold digits and underscores so that `{licence_no}` is caught as unknown, not passed through unnoticed.
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export function placeholdersIn(body: string): string[] {
  return [...body.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Names a template's unknown placeholders; a template with any cannot be saved. */
export function unknownPlaceholders(body: string): string[] {
  return placeholdersIn(body).filter((p) => !(SMS_PLACEHOLDERS as readonly string[]).includes(p));
}

export function renderSms(body: string, values: SmsValues): string {
  return body.replace(PLACEHOLDER, (whole, key: string) => {
    const value = values[key as SmsPlaceholder];
    return value === undefined ? whole : value;
  }).replace(/\s+/g, ' ').trim();
}
