import { Field } from '../components/Field.js';
import { DateRangeFields, filterFields, FiltersForm } from '../components/FiltersForm.js';
import { auditRangeProblem, NO_AUDIT_FILTERS, type AuditFilters } from './filters.js';

/** Entities the desk records events about, offered as suggestions; any other name may be typed. */
const ENTITIES = [
  'application',
  'batch',
  'centre',
  'fee',
  'import',
  'invoice',
  'licence',
  'payment',
  'report',
  'session',
  'setting',
  'sms',
  'sms_queue',
  'sms_template',
  'user',
];

interface Props {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
}

/** Filters above the audit trail; all filtering happens on the server. */
export function AuditFiltersBar({ filters, onChange }: Props) {
  const { bind } = filterFields(filters, onChange);
  return (
    <FiltersForm label="Filter the audit trail" filters={filters} reset={NO_AUDIT_FILTERS} onChange={onChange}>
      <Field label="Actor" placeholder="Username" {...bind('actor')} />
      <Field label="Action" placeholder="e.g. application." {...bind('action')} />
      <Field label="Entity" list="audit-entities" placeholder="e.g. payment" {...bind('entity')} />
      <datalist id="audit-entities">
        {ENTITIES.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <DateRangeFields from={filters.from} to={filters.to} problem={auditRangeProblem(filters)} onChange={(range) => onChange({ ...filters, ...range })} />
    </FiltersForm>
  );
}
