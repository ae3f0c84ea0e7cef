import { CliError, type Command } from '../command';
import { say } from '../lang';
import { countyIngest, countySchool, INGEST_USAGE, SCHOOL_USAGE } from './county-store';

/** `kite county …`: the county's schools registry and bundles brought on USB. */
export const county: Command = {
  usage: [SCHOOL_USAGE, INGEST_USAGE].join('\n       '),
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === 'school') return countySchool(rest);
    if (action === 'ingest') return countyIngest(rest);
    throw new CliError(`${say('cli.badOptions')}\nusage: ${this.usage}`);
  },
};
