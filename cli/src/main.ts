import { Command } from 'commander';
import { ConfigError, ROLES, type Role } from './config.ts';
import type { DemoOptions } from './commands/demo.ts';

// Each command loads its own code when it runs: `kairro scan` and `kairro demo` need neither the
// stores nor the services, and should start small and fast.
const serve = async (roles: Role[]) => (await import('./commands/serve.ts')).serve(roles);

const program = new Command('kairro').description('Kairro: safe use of generative AI at work');

program
  .command('start')
  .description(
    'Run the platform: every role in one process (embedded stores unless DATABASE_URL, CLICKHOUSE_URL, KAFKA_BROKERS are set)',
  )
  .option('--roles <roles>', `comma-separated subset of ${ROLES.join(',')}`, ROLES.join(','))
  .action((opts: { roles: string }) => serve(parseRoles(opts.roles)));

for (const role of ROLES) {
  program
    .command(role)
    .description(`Run only the ${role} service (distributed shape)`)
    .action(() => serve([role]));
}

program
  .command('migrate')
  .description('Apply Postgres and ClickHouse migrations, then exit')
  .action(async () => (await import('./commands/migrate.ts')).migrate());

program
  .command('demo')
  .description('Send a realistic mix of prompts to a running platform so the dashboards fill')
  .option('-n, --count <n>', 'prompts to send', '300')
  .option('-c, --concurrency <n>', 'requests in flight', '4')
  .option('-u, --users <n>', 'simulated employees', '8')
  .option('--seed <n>', 'random seed', '1')
  .option('--ingest-url <url>', 'ingest base URL (default: from <data dir>/demo.json)')
  .option('--license-key <key>', 'license key (default: from <data dir>/demo.json)')
  .action(async (opts: DemoOptions) => (await import('./commands/demo.ts')).demo(opts));

program
  .command('scan')
  .description(
    'Scan JSONL {"id","text"} from stdin for sensitive data; one JSONL line of matches per input on stdout',
  )
  .option('--target <target>', 'prompt or response', 'prompt')
  .action(async (opts: { target: string }) => (await import('./commands/scan.ts')).scan(opts));

function parseRoles(raw: string): Role[] {
  const roles = raw.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0)
    throw new ConfigError(`Unknown role(s) ${bad.join(', ')}; use ${ROLES.join(', ')}`);
  return roles as Role[];
}

program.parseAsync().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kairro: ${message}\n`);
  if (!(err instanceof ConfigError) && err instanceof Error && process.env.KAIRRO_LOG_LEVEL === 'debug') {
    process.stderr.write(`${err.stack}\n`);
  }
  process.exit(1);
});
