import { editDistance } from '../../shared/editDistance.js';

const words = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter((w) => w.length >= 2);

/** Words as people mistype them: one character off in a word of five letters or more. */
const sameWord = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1);

/**
 * How close the name a payer gave is to an applicant's: `same` when every word of the
 * applicant's name is in the payer's (a word may be one character off), `close` when at least
 * one of them is, `far` otherwise. The payer's name may carry more (a middle name, a title).
 */
export function nameCloseness(payer: string, applicant: string): 'same' | 'close' | 'far' {
  const given = words(payer);
  const theirs = words(applicant);
  if (given.length === 0 || theirs.length === 0) return 'far';
  const found = theirs.filter((w) => given.some((g) => sameWord(g, w))).length;
  return found === theirs.length ? 'same' : found > 0 ? 'close' : 'far';
}
