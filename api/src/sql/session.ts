import type { ClickHouseClient } from '@clickhouse/client';
import { connectClickHouse, type ClickHouse } from '@kairro/clickhouse';

/**
 * Where workbench queries run. On a ClickHouse server: the platform's client, each query its own
 * HTTP request. On chDB: a session of its own, one query at a time. chDB keeps the output a failed
 * query had already written (a JSON header, the first CSV rows) and hands it to the *next* query
 * of the same session, so a timed-out query of one org could otherwise prefix another caller's
 * answer. Here the next query is ours: after any failure a throw-away `SELECT 1` drains the
 * session before the lock is released, and the platform's own session never sees these queries.
 */
export class SqlSession {
  readonly #main: ClickHouse;
  #own: Promise<ClickHouse> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(main: ClickHouse) {
    this.#main = main;
  }

  async run<T>(fn: (client: ClickHouseClient) => Promise<T>): Promise<T> {
    if (this.#main.target.kind === 'server') return fn(this.#main.client);
    const turn = this.#tail.then(async () => {
      const client = (await this.#session()).client;
      try {
        return await fn(client);
      } catch (err) {
        await drain(client);
        throw err;
      }
    });
    this.#tail = turn.catch(() => undefined);
    return turn;
  }

  async close(): Promise<void> {
    const own = this.#own;
    this.#own = undefined;
    if (own) await (await own).close();
  }

  #session(): Promise<ClickHouse> {
    this.#own ??= connectClickHouse(this.#main.target).catch((err: unknown) => {
      this.#own = undefined;
      throw err;
    });
    return this.#own;
  }
}

async function drain(client: ClickHouseClient): Promise<void> {
  await client
    .query({ query: 'SELECT 1', format: 'TabSeparatedRaw' })
    .then((r) => r.text())
    .catch(() => undefined);
}
