/** At most `limit` attempts per `windowMs` from one address (kept in memory: a restart forgets). */
export function attemptLimiter(limit: number, windowMs: number) {
  const seen = new Map<string, number[]>();
  return {
    allow(address: string, now = Date.now()): boolean {
      const recent = (seen.get(address) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= limit) {
        seen.set(address, recent);
        return false;
      }
      recent.push(now);
      seen.set(address, recent);
      if (seen.size > 10_000) seen.clear();
      return true;
    },
  };
}
