import type Database from 'better-sqlite3';

/** Small app state in the `kv` table. */
export function createKv(db: Database.Database) {
  const getStmt = db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?');
  const setStmt = db.prepare(
    `INSERT INTO kv (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  );
  const deleteStmt = db.prepare('DELETE FROM kv WHERE key = ?');
  return {
    get: (key: string): string | undefined => getStmt.get(key)?.value,
    set: (key: string, value: string): void => void setStmt.run(key, value),
    delete: (key: string): void => void deleteStmt.run(key),
  };
}
