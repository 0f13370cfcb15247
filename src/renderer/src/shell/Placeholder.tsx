export function Placeholder({ title, what }: { title: string; what: string }) {
  return (
    <section className="screen" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
      <p className="placeholder">{what} This screen comes in a later release.</p>
    </section>
  );
}
