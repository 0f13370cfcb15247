import { useState } from 'react';
import { useFieldErrors } from './useFieldErrors.js';

/**
 * A form of text fields and the field errors of its last failed attempt: `set(key)` is an
 * `onChange` that stores the field and takes its error away; `reset()` empties the form.
 */
export function useFormFields<T extends Record<string, string>>(empty: T, error: unknown) {
  const [form, setForm] = useState(empty);
  const errors = useFieldErrors(error);
  const set = (key: keyof T & string) => (e: { target: { value: string } }) => {
    errors.edited(key);
    setForm((f) => ({ ...f, [key]: e.target.value }));
  };
  return { form, set, errors, reset: () => setForm(empty) };
}
