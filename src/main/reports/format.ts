import { centsToDecimal, formatKes } from '../../shared/money.js';
import { isoNairobi } from '../../shared/time.js';
import type { ColumnKind, ReportValue } from './types.js';

/** A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A value as text, for CSV (`forPeople` false) or print (`forPeople` true). */
export function formatValue(kind: ColumnKind, value: ReportValue, forPeople = false): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'money':
      return forPeople ? formatKes(Number(value), false) : centsToDecimal(Number(value));
    case 'datetime':
      return forPeople ? isoNairobi(String(value)).replace('T', ' ').slice(0, 16) : isoNairobi(String(value));
    case 'int':
      return String(value);
    case 'text':
      return neutraliseFormula(String(value));
  }
}
