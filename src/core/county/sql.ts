/**
 * What county-web needs of the county database: one parameterised query. Both PGlite and `pg`
 * answer `query(text, params)` with `{ rows }`, so the county's CountyDb (county-store) fits as is.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}
