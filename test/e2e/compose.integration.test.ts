import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '@kairro/core';

const root = new URL('../../', import.meta.url).pathname;
const compose = (...args: string[]) =>
  execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: root, encoding: 'utf8' });

/** No engine runs here; Debian's docker-compose still validates the distributed shape's file. */
describe('docker-compose.yml', () => {
  it('is a valid compose file', () => {
    expect(() => compose('config', '-q')).not.toThrow();
  });

  it('runs the stores, the topic setup and each Kairro role as its own service', () => {
    const services = compose('config', '--services').trim().split('\n').sort();
    expect(services).toEqual([
      'api',
      'clickhouse',
      'ingest',
      'kafka',
      'kafka-topics',
      'migrate',
      'pipelines',
      'postgres',
    ]);
  });

  it('creates every topic the services verify at boot', () => {
    const file = readFileSync(new URL('docker-compose.yml', `file://${root}`), 'utf8');
    const created = /for t in ([^;]+);/.exec(file)?.[1]?.split(' ') ?? [];
    expect(created.sort()).toEqual(Object.values(TOPICS).sort());
  });
});
