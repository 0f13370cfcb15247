/** Saved window bounds are reused only while they still fall on a connected display. */
import { MIN_SIZE, type Bounds } from './windowOptions.js';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Returns the saved bounds when at least 100×100 px of the window is on some display, else undefined. */
export function visibleBounds(saved: unknown, workAreas: readonly Area[]): Bounds | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const { x, y, width, height } = saved as Record<string, unknown>;
  const nums = [x, y, width, height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const b = { x: x as number, y: y as number, width: width as number, height: height as number };
  if (b.width < MIN_SIZE.width || b.height < MIN_SIZE.height) return undefined;
  const onScreen = workAreas.some((a) => {
    const w = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x);
    const h = Math.min(b.y + b.height, a.y + a.height) - Math.max(b.y, a.y);
    return w >= 100 && h >= 100;
  });
  return onScreen ? b : undefined;
}
