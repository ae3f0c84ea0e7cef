import fs from 'node:fs';
import { hashPin } from '../../core/auth/pin';
import { isWeakPin, WEAK_PIN_MESSAGE } from '../../shared/pin';
import { configExample } from '../../core/config/example';
import { checkConfigText, machineProblems } from '../../core/config/load';
import { machineConfig, CliError, parse, type Command } from '../command';

const USAGE = 'kite config validate [FILE] | kite config example | kite config hash-pin [PIN]';

/** `kite config`: check a machine config, print a commented example, make a teacher PIN hash. */
export const config: Command = {
  summary: 'machine config for IT staff: check a file, print an example, hash a teacher PIN',
  usage: USAGE,
  async run(argv) {
    const { positionals } = parse(argv, {}, USAGE);
    const [sub, arg] = positionals;
    if (sub === 'example') {
      process.stdout.write(configExample());
      return 0;
    }
    if (sub === 'validate') return validate(arg);
    if (sub === 'hash-pin') {
      const pin = (arg ?? (await readStdinLine())).trim();
      if (!/^\d{4,8}$/.test(pin)) throw new CliError('The PIN must be 4 to 8 digits. Usage: kite config hash-pin 1234 (or type it on standard input).');
      if (isWeakPin(pin)) throw new CliError(`${WEAK_PIN_MESSAGE.en}\n${WEAK_PIN_MESSAGE['zh-CN']}`);
      process.stdout.write(`${hashPin(pin)}\n`);
      return 0;
    }
    throw new CliError(`usage: ${USAGE}`);
  },
};

function validate(fileArg: string | undefined): number {
  const file = fileArg ?? machineConfig().file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}.`);
  }
  const { config: valid, problems } = checkConfigText(text, file);
  const all = [...problems, ...machineProblems(valid, file)];
  const keys = Object.keys(valid);
  if (all.length === 0) {
    process.stdout.write(`${file} is valid: ${keys.length} key(s) set${keys.length ? ` (${keys.join(', ')})` : ''}.\n`);
    return 0;
  }
  for (const problem of all) process.stdout.write(`problem: ${problem}\n`);
  process.stdout.write(`${file}: ${all.length} problem(s); keys that are fine: ${keys.join(', ') || 'none'}.\n`);
  return 1;
}

async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Teacher PIN (4 to 8 digits), then Enter: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}
