import type { Core } from '../core';
import { findDrives } from '../core/drives';
import { findPackFiles } from '../core/packs/find';
import { startPackImport } from '../core/packs/import-job';
import type { packMethods, packReadMethods } from '../shared/contract/packs';
import { uploadUrl } from './routes/upload';
import type { DomainHandlers } from './types';

export function packHandlers(core: Core): DomainHandlers<typeof packReadMethods & typeof packMethods> {
  return {
    'packs.list': () => core.packs.list(),
    'packs.uploadToken': () => uploadUrl(core, 'pack'),
    'packs.drives': () => findDrives().map((drive) => ({ path: drive })),
    'packs.scanFolder': ({ path: given }) => findPackFiles(given),
    'packs.preview': ({ source }) => startPackImport(core.packs, core.jobs, source),
    'packs.install': ({ stagingId, confirmDowngrade, pin }, ctx) => {
      if (pin !== undefined) core.pin.verify(pin, ctx.session);
      const pack = core.packs.commit(stagingId, { confirmDowngrade, trustConfirmed: pin !== undefined });
      core.events.emit('packs.changed', { packId: pack.id });
      return pack;
    },
    'packs.discard': ({ stagingId }) => {
      core.packs.discard(stagingId);
      return { discarded: true };
    },
    'packs.uninstall': ({ packId }) => {
      core.packs.uninstall(packId);
      core.events.emit('packs.changed', { packId });
      return { uninstalled: true };
    },
    'packs.trustedKeys': () => core.packs.trust.list(),
    'packs.trustKey': ({ name, publicKey }) => core.packs.trust.add(name, publicKey),
    'packs.untrustKey': ({ keyId }) => {
      core.packs.trust.remove(keyId);
      return { removed: true };
    },
  };
}
