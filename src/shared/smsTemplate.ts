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

/**
 * Fills a template. Each SMS part is paid for, so no character is wasted: runs of white space
 * become one space, and a value that ends its own sentence (a reason such as "Please accept the
 * declarations and resubmit.") takes the place of the full stop the template puts after it, so
 * the message never reads "resubmit.." (issue 17).
 */
export function renderSms(body: string, values: SmsValues): string {
  let out = '';
  let at = 0;
  for (const m of body.matchAll(PLACEHOLDER)) {
    out += body.slice(at, m.index);
    at = m.index + m[0].length;
    const value = values[m[1] as SmsPlaceholder];
    if (value === undefined) {
      out += m[0];
      continue;
    }
    const filled = value.trim();
    out += filled;
    if (/[.!?]$/.test(filled) && body[at] === '.') at++;
  }
  out += body.slice(at);
  return out.replace(/\s+/g, ' ').trim();
}
