import type { ReviewFlag } from './contract/applications.js';
import { isKenyanMobile, notMobileReason } from './phone.js';

/** The facts about one application that the review aids look at (DOMAIN.md "Review aids"). */
export interface ReviewFacts {
  cpdPoints: number;
  cpdThreshold: number;
  registerStatus: 'active' | 'suspended' | 'removed' | 'unknown';
  otherDecidedForYear: number;
  declarationAccepted: boolean;
  disclosures: string;
  /** The normalised phone, null when it was missing or could not be read. */
  phone: string | null;
  centre: { name: string; active: boolean } | null;
  centreText: string;
}

/** Review aids inform the officer; they never decide. */
export function reviewFlags(f: ReviewFacts): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  if (f.cpdPoints < f.cpdThreshold) {
    flags.push({ kind: 'cpd_below_threshold', message: `CPD points ${f.cpdPoints} are below the year's threshold of ${f.cpdThreshold}.` });
  }
  if (f.registerStatus !== 'active') {
    flags.push({
      kind: 'practitioner_not_active',
      message: f.registerStatus === 'unknown' ? 'The practitioner was not found on the register.' : `The practitioner is ${f.registerStatus} on the register.`,
    });
  }
  if (f.otherDecidedForYear > 0) {
    flags.push({ kind: 'duplicate_for_year', message: 'Another application for this practitioner and year is already approved or licensed.' });
  }
  if (!f.declarationAccepted) flags.push({ kind: 'declaration_not_accepted', message: 'The declarations were not accepted.' });
  if (f.disclosures.trim()) flags.push({ kind: 'disclosures_made', message: `Disclosures made: ${f.disclosures.trim()}` });
  if (f.phone === null) flags.push({ kind: 'phone_invalid', message: 'The phone number is not a valid Kenyan mobile number: no SMS can be sent.' });
  else if (!isKenyanMobile(f.phone))
    flags.push({ kind: 'phone_not_mobile', message: `The phone ${notMobileReason(f.phone)}. Return the application for a correct number.` });
  if (!f.centre) {
    flags.push({ kind: 'centre_unknown', message: `The chosen collection centre '${f.centreText}' is not known.` });
  } else if (!f.centre.active) {
    flags.push({ kind: 'centre_unknown', message: `The chosen collection centre ${f.centre.name} is inactive.` });
  }
  return flags;
}
