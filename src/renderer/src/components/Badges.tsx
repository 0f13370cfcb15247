import { STATE_LABEL } from '../shell/labels.js';

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{STATE_LABEL[state] ?? state}</span>;
}

export function FlagBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  const text = `${count} review flag${count === 1 ? '' : 's'}`;
  return (
    <span className="badge flag" title={text}>
      <span aria-hidden="true">⚑ {count}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
