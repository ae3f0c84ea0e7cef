import { method, NoInput } from './define';

// Backups of this PC's database (made daily and before risky changes; restored by IT).

export interface BackupInfo {
  name: string;
  reason: string;
  createdAt: string;
  sizeBytes: number;
}

export const backupMethods = {
  'backups.list': method<BackupInfo[]>()('teacher', NoInput),
  'backups.create': method<BackupInfo>()('teacher', NoInput),
} as const;
