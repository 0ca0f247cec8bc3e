declare module 'postgres-shift' {
  import type { Sql } from 'postgres';
  export default function shift(opts: {
    sql: Sql;
    path?: string;
    before?: ((migration: { migration_id: number; name: string }) => void) | null;
    after?: ((migration: { migration_id: number; name: string }) => void) | null;
  }): Promise<void>;
}
