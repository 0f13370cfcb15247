import { Field } from '../components/Field.js';
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
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => onChange({ ...filters, [key]: value });
  const problem = auditRangeProblem(filters);
  const clear = JSON.stringify(filters) === JSON.stringify(NO_AUDIT_FILTERS);
  return (
    <form className="filters" role="search" aria-label="Filter the audit trail" onSubmit={(e) => e.preventDefault()}>
      <Field label="Actor" placeholder="Username" value={filters.actor} onChange={(e) => set('actor', e.target.value)} />
      <Field label="Action" placeholder="e.g. application." value={filters.action} onChange={(e) => set('action', e.target.value)} />
      <Field label="Entity" list="audit-entities" placeholder="e.g. payment" value={filters.entity} onChange={(e) => set('entity', e.target.value)} />
      <datalist id="audit-entities">
        {ENTITIES.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <Field label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} />
      <Field
        label="To"
        type="date"
        value={filters.to}
        min={filters.from || undefined}
        onChange={(e) => set('to', e.target.value)}
        error={problem ?? undefined}
      />
      <button type="button" onClick={() => onChange(NO_AUDIT_FILTERS)} disabled={clear}>
        Clear filters
      </button>
    </form>
  );
}
