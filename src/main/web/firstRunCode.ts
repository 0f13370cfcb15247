import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { UserError } from '../../shared/errors.js';
import type { FirstRunCodeCheck } from '../firstRun.js';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;
/** Wrong codes accepted before the code stops working (a new one comes with a restart). */
export const WRONG_CODES_ALLOWED = 10;

const WHERE = 'the terminal that started kmlttb web, on the line "First-run code:"';

/** Upper case, without spaces and dashes: `abcd efgh-jkmn` is `ABCDEFGHJKMN`. */
function normalise(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

function digest(code: string): Buffer {
  return createHash('sha256').update(normalise(code)).digest();
}

/**
 * Browser mode's one-time code for the first-run screen, in the manner of Jupyter's token: a web
 * page on another site cannot read the terminal, so it cannot create the first administrator
 * even if it reaches the port. 12 characters from 31 (about 59 bits); compared in constant time;
 * after `WRONG_CODES_ALLOWED` wrong ones it stops working, so it cannot be guessed by trying.
 * It is good until an administrator exists (the first run then refuses anyway).
 */
export class FirstRunCode implements FirstRunCodeCheck {
  readonly code: string;
  private readonly expected: Buffer;
  private wrong = 0;

  constructor(random: (max: number) => number = randomInt) {
    const chars = Array.from({ length: GROUPS * GROUP_LENGTH }, () => ALPHABET[random(ALPHABET.length)]!);
    this.code = Array.from({ length: GROUPS }, (_, g) => chars.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH).join('')).join('-');
    this.expected = digest(this.code);
  }

  /** Throws a user error naming the field `code` unless `given` is the code. */
  check(given: string | undefined): void {
    if (this.wrong >= WRONG_CODES_ALLOWED) {
      throw new UserError('too_many_attempts', 'Too many wrong one-time codes: this one no longer works. Stop kmlttb web and start it again for a new code.', {
        field: 'code',
      });
    }
    if (!given?.trim()) throw new UserError('invalid_input', `Enter the one-time code from ${WHERE}.`, { field: 'code' });
    // Both sides are SHA-256 digests, so the comparison takes the same time whatever was typed.
    if (!timingSafeEqual(digest(given), this.expected)) {
      this.wrong++;
      throw new UserError('invalid_input', `That one-time code is not right. Copy it from ${WHERE}.`, { field: 'code' });
    }
  }
}
