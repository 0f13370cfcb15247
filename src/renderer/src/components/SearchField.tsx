interface Props {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** A wider box, for searches over many fields. */
  wide?: boolean;
}

/** The search box of a filters bar: a labelled `type="search"` input. */
export function SearchField({ id, label, placeholder, value, onChange, wide }: Props) {
  return (
    <div className={wide ? 'field search wide' : 'field search'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
