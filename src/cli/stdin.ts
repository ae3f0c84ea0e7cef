/**
 * One line from standard input: typed at a terminal (after `prompt` on stderr; with `hidden`, nothing
 * is echoed, as for a password) or piped in (`echo … | kite …`).
 */
export async function readLine(prompt: string, { hidden = false }: { hidden?: boolean } = {}): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) process.stderr.write(prompt);
  if (!stdin.isTTY || !hidden) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    return (text.split('\n')[0] ?? '').replace(/\r$/, '');
  }
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(typed);
          }
          if (char === '\u0003') {
            stdin.off('data', onData);
            return reject(new Error('cancelled'));
          }
          if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
          else if (char >= ' ') typed += char;
        }
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}
