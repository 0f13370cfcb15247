/**
 * SMS length in characters and parts (GSM 03.38: 160 in one part, 153 per part when longer;
 * UCS-2: 70 in one part, 67 per part when longer). A character is never split across two parts:
 * a GSM-7 extension character (an escape and its code, two septets) or a UCS-2 surrogate pair
 * (an emoji, two code units) that does not fit in what is left of a part starts the next one.
 */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}[]~|€\\\f';

const LIMITS = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
} as const;

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the network counts them (extension characters count twice in GSM-7; UCS-2 counts UTF-16 code units). */
  units: number;
  parts: number;
}

/** Each GSM-7 character's cost in septets (a look-up, not a search of the alphabet: a settlement measures thousands of messages). */
const GSM_COST = new Map<string, number>([...[...GSM_BASIC].map((ch) => [ch, 1] as const), ...[...GSM_EXTENSION].map((ch) => [ch, 2] as const)]);

/** The cost of each character in septets, or null when one is outside GSM-7. */
function gsmCosts(text: string): number[] | null {
  const costs: number[] = [];
  for (const ch of text) {
    const cost = GSM_COST.get(ch);
    if (cost === undefined) return null;
    costs.push(cost);
  }
  return costs;
}

/** Parts needed for characters of these costs, none split across two parts. */
function partsFor(costs: readonly number[], units: number, limit: { single: number; perPart: number }): number {
  if (units <= limit.single) return 1;
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limit.perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

export function smsLength(text: string): SmsLength {
  const gsm = gsmCosts(text);
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  const costs = gsm ?? Array.from(text, (ch) => ch.length);
  const units = costs.reduce((sum, c) => sum + c, 0);
  return { encoding, units, parts: partsFor(costs, units, LIMITS[encoding]) };
}
