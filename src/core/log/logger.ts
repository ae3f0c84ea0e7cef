import fs from 'node:fs';
import path from 'node:path';
import { writeStderr } from './stderr';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface FileLoggerOptions {
  dir: string;
  /** Rotate when the current file passes this size. */
  maxBytes?: number;
  /** How many rotated files to keep (kite.1.log … kite.N.log). */
  keep?: number;
  /** Also echo warnings and errors to stderr (the CLI and the browser host do). */
  echo?: boolean;
}

/**
 * A small rotating JSON-lines logger. Writes are synchronous appends: logs are rare and a log
 * line that explains a crash must not sit in a buffer when the process dies.
 */
export function createFileLogger({ dir, maxBytes = 1_000_000, keep = 5, echo = false }: FileLoggerOptions): Logger {
  const current = path.join(dir, 'kite.log');
  let size = fs.existsSync(current) ? fs.statSync(current).size : 0;

  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = path.join(dir, `kite.${i}.log`);
      if (fs.existsSync(from)) fs.renameSync(from, path.join(dir, `kite.${i + 1}.log`));
    }
    fs.renameSync(current, path.join(dir, 'kite.1.log'));
    size = 0;
  };

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n';
    try {
      if (size + line.length > maxBytes && size > 0) rotate();
      fs.appendFileSync(current, line);
      size += Buffer.byteLength(line);
    } catch {
      // A full or read-only disk must not take the app down with it; the message still reaches stderr below.
    }
    if (echo && (level === 'warn' || level === 'error')) writeStderr(`${level}: ${message}\n`);
  };

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
