import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded shape under ./.kairro', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      dataDir: '/srv/app/.kairro',
      host: '127.0.0.1',
      apiPort: 8080,
      ingestPort: 8081,
      databaseUrl: undefined,
      clickhouseUrl: undefined,
      kafkaBrokers: undefined,
      clickhouseDatabase: 'kairro',
    });
  });

  it('reads the distributed shape from the environment', () => {
    const c = loadConfig(
      {
        KAIRRO_DATA_DIR: '/data',
        DATABASE_URL: 'postgres://u@db:5432/kairro',
        CLICKHOUSE_URL: 'http://ch:8123',
        KAFKA_BROKERS: 'k1:9092, k2:9092',
        KAIRRO_API_PORT: '0',
        KAIRRO_DECISION_THREADS: '3',
      },
      '/srv',
    );
    expect(c).toMatchObject({
      dataDir: '/data',
      databaseUrl: 'postgres://u@db:5432/kairro',
      clickhouseUrl: 'http://ch:8123',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      apiPort: 0,
      decisionThreads: 3,
    });
  });

  it.each([
    [{ KAIRRO_API_PORT: '99999' }, /KAIRRO_API_PORT must be a port/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres:/],
    [{ CLICKHOUSE_URL: 'not a url' }, /CLICKHOUSE_URL is not a URL/],
    [{ KAFKA_BROKERS: 'k1' }, /KAFKA_BROKERS entries must be host:port/],
    [{ CLICKHOUSE_DATABASE: 'a;drop' }, /CLICKHOUSE_DATABASE must be a plain identifier/],
    [{ KAIRRO_LOG_LEVEL: 'loud' }, /KAIRRO_LOG_LEVEL must be one of/],
    [{ KAIRRO_DECISION_THREADS: 'many' }, /KAIRRO_DECISION_THREADS must be a whole number 0–64/],
  ])('rejects %o with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
