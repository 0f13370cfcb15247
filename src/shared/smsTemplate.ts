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

/** Punctuation that ends a sentence: a value ending so needs none of the template's after it. */
const ENDS_SENTENCE = /[.!?…]$/u;
/** Punctuation a template may put after a value. */
const AFTER_VALUE = /^[.!?,;:]/;
/** A value ending in a pause (comma, semicolon, colon) before the template's own mark loses the pause. */
const ENDS_PAUSE = /[,;:]+$/;

/** The value, and how many of the template's characters after it to skip, so no punctuation doubles. */
function fitValue(value: string, rest: string): { text: string; skip: number } {
  const text = value.trim();
  if (ENDS_SENTENCE.test(text) && AFTER_VALUE.test(rest)) return { text, skip: 1 };
  if (AFTER_VALUE.test(rest)) return { text: text.replace(ENDS_PAUSE, ''), skip: 0 };
  return { text, skip: 0 };
}

/**
 * Fills a template. Each SMS part is paid for, so no character is wasted: runs of white space
 * become one space, and punctuation never doubles: a value that ends its own sentence (a reason
 * such as "Please accept the declarations and resubmit.") takes the place of the punctuation the
 * template puts after it, so the message never reads "resubmit.. Please" (issues 14 and 17); a
 * value ending in a comma or colon before the template's mark loses it; a doubled full stop
 * typed in a value (not an ellipsis) is sent once.
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
    const fitted = fitValue(value.replace(/(?<!\.)\.\.(?!\.)/g, '.'), body.slice(at));
    out += fitted.text;
    at += fitted.skip;
  }
  out += body.slice(at);
  return out.replace(/\s+/g, ' ').trim();
}
