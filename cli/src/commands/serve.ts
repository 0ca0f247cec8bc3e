import type { Logger } from 'pino';
import { loadConfig, type Role } from '../config.ts';
import { createLogger, runPlatform, type RunningPlatform } from '../platform/run.ts';

/**
 * Runs roles until SIGINT/SIGTERM, then shuts down cleanly (a second signal exits at once). The
 * handlers are installed before anything starts, so a signal during start-up also stops cleanly.
 */
export async function serve(roles: Role[]): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  // Written by the signal handler and by start-up, whichever comes first.
  const state: { platform?: RunningPlatform; signal?: string } = {};
  const stop = (running: RunningPlatform) => {
    log.info({ signal: state.signal }, 'shutting down: draining buffered records');
    running.stop().then(
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
  const onSignal = (signal: string) => {
    if (state.signal) process.exit(130);
    state.signal = signal;
    if (state.platform) stop(state.platform);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const platform = await runPlatform(config, roles, log);
  state.platform = platform;
  if (state.signal) return stop(platform);
  printBanner(platform, config.dataDir, log);
}

function printBanner(p: RunningPlatform, dataDir: string, log: Logger): void {
  log.info(
    { roles: p.roles, apiUrl: p.apiUrl, ingestUrl: p.ingestUrl, pipelinesUrl: p.pipelinesUrl, dataDir },
    'Kairro is running',
  );
  const lines = [
    '',
    'Kairro is running.',
    p.apiUrl && `  Console:      ${p.apiUrl}`,
    p.apiUrl && `  Admin API:    ${p.apiUrl}/v1/admin   (OpenAPI: ${p.apiUrl}/docs)`,
    p.pipelinesUrl && `  Pipelines:    ${p.pipelinesUrl}/healthz, ${p.pipelinesUrl}/readyz`,
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
