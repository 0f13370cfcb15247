import { ApiError, errorMessage, errorRef, issueText } from '../api/ApiError.js';

/** An error shown where the person is looking: its message, its issues, and a reference to quote. */
export function ErrorAlert({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const ref = errorRef(error);
  const message = errorMessage(error);
  const issues = (error instanceof ApiError ? error.issues : []).map(issueText).filter((line) => line !== message);
  return (
    <div className="alert" role="alert" id={id}>
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.slice(0, 20).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {ref && (
        <p className="muted">
          Quote this reference if you report it: <strong>{ref}</strong>
        </p>
      )}
    </div>
  );
}
