import { hrefFor, type ScreenDef } from './routes.js';

export function Nav({ screens, current }: { screens: readonly ScreenDef[]; current: string }) {
  return (
    <nav className="main-nav" aria-label="Main">
      <ul>
        {screens.map((s) => (
          <li key={s.id}>
            <a href={hrefFor(s.id)} aria-current={s.id === current ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
