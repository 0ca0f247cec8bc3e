// Starts embedded Postgres and idles: a test SIGKILLs this process to leave an orphaned postmaster.
import { startEmbeddedPostgres } from '../src/embedded.ts';

const [dir, port, password] = process.argv.slice(2);
await startEmbeddedPostgres({ dir: dir!, port: Number(port), password: password! });
process.stdout.write('ready\n');
setInterval(() => {}, 1 << 30);
