/**
 * Resident memory of this process, from /proc/self/status on Linux: VmRSS, split into RssAnon
 * (heap, native allocations) and RssFile (file pages mapped into the process — the desk reads its
 * database through mmap, so the pages it touches count here), and VmHWM, the kernel's own peak,
 * which `resetPeak()` sets back to the current RSS. Elsewhere: process.memoryUsage().rss and
 * resourceUsage().maxRSS.
 */
import fs from 'node:fs';

export interface MemorySample {
  rss: number;
  anon: number | null;
  file: number | null;
  hwm: number;
}

const PROC = '/proc/self/status';
const hasProc = fs.existsSync(PROC);

export function memoryNow(): MemorySample {
  if (!hasProc) return { rss: process.memoryUsage().rss, anon: null, file: null, hwm: process.resourceUsage().maxRSS * 1024 };
  const text = fs.readFileSync(PROC, 'utf8');
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : null;
  };
  return { rss: kb('VmRSS') ?? process.memoryUsage().rss, anon: kb('RssAnon'), file: kb('RssFile'), hwm: kb('VmHWM') ?? 0 };
}

/** Sets the kernel's peak (VmHWM) back to the current RSS; false where that is not possible. */
export function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples memory every `everyMs` until stopped; the peaks of each part. */
export function sampleMemory(everyMs = 10): { stop(): { samples: number; peakRss: number; peakAnon: number | null; peakFile: number | null } } {
  let samples = 0;
  let peakRss = 0;
  let peakAnon: number | null = null;
  let peakFile: number | null = null;
  const take = () => {
    const m = memoryNow();
    samples++;
    peakRss = Math.max(peakRss, m.rss);
    if (m.anon !== null) peakAnon = Math.max(peakAnon ?? 0, m.anon);
    if (m.file !== null) peakFile = Math.max(peakFile ?? 0, m.file);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { samples, peakRss, peakAnon, peakFile };
    },
  };
}
