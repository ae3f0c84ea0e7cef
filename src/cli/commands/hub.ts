import { createCore, type Core } from '../../core';
import { CliError, DATA_OPTION, dataDirFrom, machineConfig, parse, type Command } from '../command';
import { say } from '../lang';
import { findHubs } from '../../core/hub/discovery';
import { shortFingerprint } from '../../shared/contract/hub';

async function withCore<T>(data: string | undefined, work: (core: Core) => Promise<T> | T): Promise<T> {
  const core = createCore({ dataDir: dataDirFrom(data), config: machineConfig() });
  try {
    return await work(core);
  } finally {
    core.close();
  }
}

/** `kite join <hub address> --code CODE`: pair this data folder with the teacher's PC, as a pupil PC. */
export const join: Command = {
  usage: 'kite join <hub address> --code CODE [--data DIR]  (without an address: list the hubs on this network)',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION, code: { type: 'string' } }, this.usage);
    const [address] = positionals;
    if (!address && positionals.length === 0) {
      // No address: list the hubs that answer on this network (DNS-SD), for the person to pick one.
      const hubs = await findHubs(3000);
      if (hubs.length === 0) throw new CliError(`${say('cli.hub.noneFound')}\nusage: ${this.usage}`);
      process.stdout.write(`${say('cli.hub.found', { count: hubs.length })}\n`);
      for (const h of hubs) process.stdout.write(`  ${h.address.replace(/^https:\/\//, '')}\t${h.name}\t${shortFingerprint(h.fingerprint)}…\n`);
      return;
    }
    if (!address || positionals.length > 1) throw new CliError(`${say('cli.hub.needAddress')}\nusage: ${this.usage}`);
    if (!values.code) throw new CliError(`${say('cli.hub.needCode')}\nusage: ${this.usage}`);
    const code = values.code;
    await withCore(values.data, async (core) => {
      const paired = await core.hub.join(address, code);
      process.stdout.write(`${say('cli.hub.joined', { address: paired.address, name: paired.deviceName, fingerprint: paired.fingerprint })}\n`);
    });
  },
};

/** `kite hub devices` and `kite hub remove <device>`, on the teacher's PC. */
export const hub: Command = {
  usage: 'kite hub devices [--data DIR] | kite hub remove <device> [--data DIR]',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION }, this.usage);
    const [action, which] = positionals;
    if (action === 'devices' && positionals.length === 1) {
      await withCore(values.data, (core) => {
        const devices = core.hub.devices.list();
        if (devices.length === 0) return void process.stdout.write(`${say('cli.hub.noDevices')}\n`);
        const headsets = devices.filter((d) => d.kind === 'headset').length;
        process.stdout.write(`${say('cli.hub.devicesHeading', { pcs: devices.length - headsets, headsets })}\n`);
        for (const d of devices) {
          const seen = d.lastSeenAt ? say('cli.hub.lastSeen', { at: d.lastSeenAt }) : say('cli.hub.neverSeen');
          process.stdout.write(`${d.id.slice(0, 8)}\t${d.name}${d.kind === 'headset' ? ' [VR]' : ''}\t${d.address ?? '-'}\t${seen}\n`);
        }
      });
      return 0;
    }
    if (action === 'remove' && which && positionals.length === 2) {
      await withCore(values.data, (core) => {
        const removed = core.hub.devices.remove(which);
        process.stdout.write(`${say('cli.hub.removed', { name: removed.name })}\n`);
      });
      return 0;
    }
    throw new CliError(`${say('cli.hub.badAction')}\nusage: ${this.usage}`);
  },
};
