import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

describe('lockDataDir', () => {
  it('refuses a directory held by a live process, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairro-lock-'));
    writeFileSync(join(dir, 'kairro.pid'), String(process.ppid)); // our parent is alive
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${process.ppid}\\) is using`));
  });

  it('takes over a lock whose process is gone, and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairro-lock-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid; // exited already
    writeFileSync(join(dir, 'kairro.pid'), String(dead));
    const lock = lockDataDir(dir);
    expect(existsSync(join(dir, 'kairro.pid'))).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'kairro.pid'))).toBe(false);
  });
});
