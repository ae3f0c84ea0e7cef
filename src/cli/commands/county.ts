import { CliError, type Command } from '../command';
import { say } from '../lang';
import { countyServe, countyViewer, SERVE_USAGE, VIEWER_USAGE } from './county-web';

/** `kite county …`: the county server (serve), its dashboard's viewer accounts. */
export const county: Command = {
  usage: [SERVE_USAGE, VIEWER_USAGE].join('\n       '),
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === 'serve') return countyServe(rest);
    if (action === 'viewer') return countyViewer(rest);
    throw new CliError(`${say('cli.badOptions')}\nusage: ${this.usage}`);
  },
};
