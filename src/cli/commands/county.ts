import { CliError, type Command } from '../command';
import { say } from '../lang';
import { countyIngest, countySchool, INGEST_USAGE, SCHOOL_USAGE } from './county-store';
import { countyServe, countyViewer, SERVE_USAGE, VIEWER_USAGE } from './county-web';

/** `kite county …`: the county's schools registry, bundles brought on USB, the server and its dashboard's viewer accounts. */
export const county: Command = {
  usage: [SCHOOL_USAGE, INGEST_USAGE, SERVE_USAGE, VIEWER_USAGE].join('\n       '),
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === 'school') return countySchool(rest);
    if (action === 'ingest') return countyIngest(rest);
    if (action === 'serve') return countyServe(rest);
    if (action === 'viewer') return countyViewer(rest);
    throw new CliError(`${say('cli.badOptions')}\nusage: ${this.usage}`);
  },
};
