import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<data dir>/demo.json`: how to reach the running platform and the demo org's credentials. */
export interface DemoFile {
  consoleUrl: string;
  ingestUrl: string;
  adminEmail: string;
  adminPassword: string;
  licenseKey: string;
}

export function demoFilePath(dataDir: string): string {
  return join(dataDir, 'demo.json');
}

export function readDemoFile(dataDir: string): DemoFile | undefined {
  const file = demoFilePath(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoFile) : undefined;
}

export function writeDemoFile(dataDir: string, demo: DemoFile): void {
  writeFileSync(demoFilePath(dataDir), JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
}
