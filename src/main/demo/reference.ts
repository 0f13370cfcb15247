import kenya from '../../../resources/reference/kenya.json' with { type: 'json' };

/** Reference lists for demo data (resources/reference/kenya.json). */
export const reference = kenya;

const REGION_OF_COUNTY = new Map<string, string>(
  Object.entries(kenya.county_to_region).flatMap(([code, counties]) => counties.map((county) => [county, code] as const)),
);

/** The regional centre's code for a county (a plausible nearest centre, for demo data only). */
export function centreCodeForCounty(county: string): string {
  return REGION_OF_COUNTY.get(county) ?? 'NRB';
}

/** Counties where more of the Board's practitioners live are picked more often. */
const BIG_COUNTIES: Record<string, number> = {
  Nairobi: 8,
  Kiambu: 4,
  Mombasa: 4,
  Nakuru: 4,
  Kisumu: 4,
  'Uasin Gishu': 3,
  Kakamega: 3,
  Machakos: 3,
  Meru: 3,
  Kisii: 3,
  Nyeri: 2,
  Embu: 2,
  Kilifi: 2,
  Bungoma: 2,
};
export const COUNTY_WEIGHTS: readonly (readonly [string, number])[] = kenya.counties.map(([, name]) => [name!, BIG_COUNTIES[name!] ?? 1] as const);
