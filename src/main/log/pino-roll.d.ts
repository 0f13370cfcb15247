// pino-roll ships no types: the part of its options this app uses.
declare module 'pino-roll' {
  import type { destination } from 'pino';
  interface PinoRollOptions {
    file: string;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    dateFormat?: string;
    size?: string | number;
    symlink?: boolean;
    limit?: { count: number; removeOtherLogFiles?: boolean };
    /** Passed on to sonic-boom: the file mode of new log files. */
    mode?: number;
    mkdir?: boolean;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<ReturnType<typeof destination>>;
}
