/**
 * People's messages for the contract's input checks. A schema's own message ("Give a reason of
 * at least 3 characters") always wins; this map words the rest, naming the field as the screens
 * label it: "Full name needs at least 2 characters", never zod's "Too small: expected string to
 * have >=2 characters". Pass it where input is parsed: `schema.safeParse(input, { error: peopleMessage })`.
 */
import type { z } from 'zod';

/** Field names as the screens label them; other names are spelled out from their camelCase. */
const FIELD_LABELS: Record<string, string> = {
  fullName: 'Full name',
  username: 'Username',
  password: 'Password',
  name: 'Name',
  town: 'Town',
  region: 'Region',
  code: 'Code',
  centreId: 'Centre',
  centreCode: 'Centre code',
  role: 'Role',
  reason: 'Reason',
  note: 'Note',
  body: 'Template',
  serverUrl: 'Server address',
  deskName: 'Desk name',
  collectorName: 'Collector name',
  collectorIdNo: 'Collector ID number',
  amountCents: 'Amount',
  licenceYear: 'Licence year',
  key: 'Setting',
  value: 'Value',
  payload: 'Licence code',
  search: 'Search',
};

/** The label of the field at `path`: its last named key, e.g. `rows.3.phone` → "Phone". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((k): k is string => typeof k === 'string');
  if (key === undefined) return 'The input';
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'The input';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of fields',
  date: 'a date',
};

function count(n: number | bigint, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-KE')} ${n === 1 || n === 1n ? one : many}`;
}

function choices(values: readonly unknown[]): string {
  const words = values.map((v) => String(v));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** A zod error map: a sentence that names the field, or undefined for zod's own wording. */
export function peopleMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const label = fieldLabel(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${label} is required`;
      return `${label} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') {
        if (Number(min) <= 1) return `${label} is required`;
        return `${label} needs ${issue.exact ? 'exactly' : 'at least'} ${count(min, 'character')}`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} needs at least ${count(min, 'entry', 'entries')}`;
      return `${label} must be ${issue.inclusive === false ? 'more than' : 'at least'} ${min.toLocaleString('en-KE')}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `${label} can have at most ${count(max, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} can have at most ${count(max, 'entry', 'entries')}`;
      return `${label} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${max.toLocaleString('en-KE')}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return `${label} must be an email address`;
      if (issue.format === 'url') return `${label} must be a web address`;
      return `${label} is not in the expected form`;
    case 'invalid_value': {
      const given = typeof issue.input === 'string' && issue.input.length <= 40 ? `, not '${issue.input}'` : '';
      return `${label} must be ${issue.values.length === 1 ? '' : 'one of '}${choices(issue.values)}${given}`;
    }
    case 'not_multiple_of':
      return `${label} must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `${label} has ${issue.keys.length === 1 ? 'a field' : 'fields'} this desk does not know: ${issue.keys.join(', ')}`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return `${label} is not valid`;
    default:
      return undefined;
  }
}
