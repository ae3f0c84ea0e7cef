import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../core/datadir';

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number | void>;
}

/** An error meant for a person: printed as one line, no stack unless --debug. */
export class CliError extends Error {}

export const DATA_OPTION = { data: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

export function parse<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

export function dataDirFrom(value: string | undefined): string {
  return value ?? defaultDataDir();
}
