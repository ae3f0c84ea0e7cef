import type { Core } from '../core';
import type { backupMethods } from '../shared/contract/backups';
import { KiteError } from '../shared/errors';
import { diskFullError } from '../core/fs/disk';
import type { DomainHandlers } from './types';

/** Backups of this PC's database: the list, and one made now. */
export function backupHandlers(core: Core): DomainHandlers<typeof backupMethods> {
  return {
    'backups.list': () => core.backups.list(),
    // A job like any long work: listed while it runs, reported as interrupted if the app stops.
    'backups.create': () =>
      core.jobs.run('backups.create', async () => {
        try {
          return await core.backups.create('manual');
        } catch (error) {
          if (error instanceof KiteError) throw error;
          throw diskFullError(error) ?? new KiteError('internal', `The backup could not be made: ${String(error)}`);
        }
      }),
  };
}
