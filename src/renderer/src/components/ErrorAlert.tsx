import { errorMessage, errorRef } from '../api/ApiError.js';
import { ApiError } from '../api/ApiError.js';

/** An error shown where the person is looking: its message, its issues, and a reference to quote. */
export function ErrorAlert({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const ref = errorRef(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="alert" role="alert" id={id}>
      <p>{errorMessage(error)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.slice(0, 20).map((issue, i) => (
            <li key={i}>
              {issue.where}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {ref && <p className="muted">Quote this reference if you report it: <strong>{ref}</strong></p>}
    </div>
  );
}
