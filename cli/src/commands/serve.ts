import type { Logger } from 'pino';
import { loadConfig, type Role } from '../config.ts';
import { createLogger, runPlatform, type RunningPlatform } from '../platform/run.ts';

/** Runs roles until SIGINT/SIGTERM, then shuts down cleanly (a second signal exits at once). */
export async function serve(roles: Role[]): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const platform = await runPlatform(config, roles, log);
  printBanner(platform, config.dataDir, log);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ signal }, 'shutting down: draining buffered records');
    platform.stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function printBanner(p: RunningPlatform, dataDir: string, log: Logger): void {
  log.info({ roles: p.roles, apiUrl: p.apiUrl, ingestUrl: p.ingestUrl, dataDir }, 'Kairro is running');
  const lines = [
    '',
    'Kairro is running.',
    p.apiUrl && `  Console:      ${p.apiUrl}`,
    p.apiUrl && `  Admin API:    ${p.apiUrl}/v1/admin   (OpenAPI: ${p.apiUrl}/docs)`,
    p.ingestUrl && `  Ingest API:   ${p.ingestUrl}/v1/extension   (OpenAPI: ${p.ingestUrl}/docs)`,
    p.demo && `  Sign in as:   ${p.demo.adminEmail} / ${p.demo.adminPassword}`,
    p.demo && `  License key:  ${p.demo.licenseKey}`,
    p.demo && `  Saved to:     ${dataDir}/demo.json`,
    p.ingestUrl && p.apiUrl && '  Fill the dashboards:  npx kairro demo',
    '  Stop with Ctrl-C.',
    '',
  ];
  process.stdout.write(lines.filter(Boolean).join('\n') + '\n');
}
