import type { Migration } from './migration';
import { migrations1to6 } from './001-006';
import { migrations7to14 } from './007-014';

export type { Migration };

/**
 * Numbered migrations, applied in order, each in its own transaction. Never edit one that has
 * shipped: add the next number (in the last file, or a new one when that grows long).
 * `PRAGMA user_version` records how far a database has come.
 */
export const migrations: Migration[] = [...migrations1to6, ...migrations7to14];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
