import { useEffect, useState } from 'react';
import { formatDayMonthYear, parseDayMonthYear } from '../../../shared/dayMonthYear.js';
import { Field } from './Field.js';

interface Props {
  label: string;
  /** The day as `YYYY-MM-DD`, or `''`. */
  value: string;
  onChange: (day: string) => void;
  /** A problem the caller sees (e.g. From after To), shown when the text itself is fine. */
  error?: string | undefined;
}

/**
 * A day typed and shown dd/mm/yyyy in every locale (a native date input follows the browser's,
 * which may be month first). The value changes only when the text is a real day or empty; what is
 * wrong with other text shows when the field is left.
 */
export function DateField({ label, value, onChange, error }: Props) {
  const [text, setText] = useState(() => formatDayMonthYear(value));
  const [left, setLeft] = useState(false);

  // A value set from outside (Clear filters, a link) replaces the text unless the text already says it.
  useEffect(() => {
    setText((shown) => {
      const read = parseDayMonthYear(shown);
      return read.ok && read.day === value ? shown : formatDayMonthYear(value);
    });
  }, [value]);

  const read = parseDayMonthYear(text);
  const problem = !read.ok && left ? read.problem : undefined;
  return (
    <Field
      label={label}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      maxLength={10}
      size={10}
      hint="dd/mm/yyyy"
      value={text}
      error={problem ?? error}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        setLeft(false);
        const parsed = parseDayMonthYear(next);
        if (parsed.ok && parsed.day !== value) onChange(parsed.day);
      }}
      onBlur={() => {
        setLeft(true);
        if (read.ok) setText(formatDayMonthYear(read.day));
      }}
    />
  );
}
