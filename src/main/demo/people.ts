import { isKenyanMobile } from '../../shared/phone.js';
import type { Random } from './random.js';
import { COUNTY_WEIGHTS, reference } from './reference.js';

/** A practitioner as their applications describe them. */
export interface DemoPractitioner {
  nationalId: string;
  registrationNo: string;
  firstName: string;
  middleName: string;
  lastName: string;
  /** As the applicant typed it: `0712…`, `+254…`, `7…`, or spreadsheet-mangled. */
  phone: string;
  email: string;
  cadre: 'technologist' | 'technician';
  qualification: string;
  county: string;
  employer: string;
}

const MOBILE_PREFIXES = ['70', '71', '72', '74', '79', '11', '10', '73', '78', '75', '76', '77'];
const EMPLOYER_WEIGHT: Record<string, number> = { 'Private laboratory': 4, 'Mission hospital': 2, 'Not employed': 0.5 };

function phoneNumber(rng: Random): string {
  if (rng.chance(0.03)) return `2.547${rng.int(10, 99)}E+11`; // opened and saved in a spreadsheet
  if (rng.chance(0.01)) return '';
  const drawn = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 9_999_999)).padStart(7, '0');
  // Only numbers in real mobile ranges (0109… is not one); every 07xx range is. No draw more, so a seed's data stays as it was.
  const nsn = isKenyanMobile(`254${drawn}`) ? drawn : `7${drawn.slice(1)}`;
  return rng.weighted([
    [`0${nsn}`, 50],
    [`+254${nsn}`, 15],
    [`254${nsn}`, 15],
    [`0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`, 10],
    [nsn, 10],
  ]);
}

export function generatePractitioners(rng: Random, count: number): DemoPractitioner[] {
  const ids = new Set<string>();
  const people: DemoPractitioner[] = [];
  while (people.length < count) {
    const nationalId = String(rng.int(10_000_000, 39_999_999));
    if (ids.has(nationalId)) continue;
    ids.add(nationalId);
    const firstName = rng.pick(reference.first_names);
    let middleName = rng.chance(0.55) ? rng.pick(reference.first_names) : '';
    if (middleName === firstName) middleName = '';
    const lastName = rng.pick(reference.last_names);
    const cadre = rng.chance(0.65) ? 'technologist' : 'technician';
    const registered = rng.int(1995, 2024);
    people.push({
      nationalId,
      registrationNo: `${cadre === 'technologist' ? 'T' : 'C'}/${registered}/${String(rng.int(1, 29_999)).padStart(5, '0')}`,
      firstName,
      middleName,
      lastName,
      phone: phoneNumber(rng),
      email: rng.chance(0.8) ? `${firstName}.${lastName}${rng.int(1, 99)}@example.co.ke`.toLowerCase() : '',
      cadre,
      qualification: rng.pick(reference.qualifications[cadre]),
      county: rng.weighted(COUNTY_WEIGHTS),
      employer: rng.weighted(reference.employers.map((e) => [e, EMPLOYER_WEIGHT[e] ?? 1] as const)),
    });
  }
  return people;
}
