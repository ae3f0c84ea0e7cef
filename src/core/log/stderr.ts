let guarded = false;

/**
 * Write to stderr without ever taking the process down. A full disk (stderr on /dev/full), a closed
 * pipe or a detached console makes the write fail, and an unhandled 'error' on process.stderr
 * would end `kite serve` on its first warning: the log file keeps the line; stderr is best effort.
 */
export function writeStderr(text: string): void {
  if (!guarded) {
    guarded = true;
    process.stderr.on('error', () => {});
  }
  try {
    process.stderr.write(text);
  } catch {
    // Nowhere left to say it.
  }
}
