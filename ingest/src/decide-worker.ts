/**
 * A decision thread: holds the compiled config of every org it was sent and runs decision jobs in
 * batches. Started by `createThreadDecider`; every message comes from it (see decider.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { OrgConfig } from '@kairro/postgres';
import { runDecisionJob, type DecisionJob } from './decision-job.ts';
import { compileOrgConfig, type IngestOrgConfig } from './org-config.ts';
import type { ToThread, FromThread } from './decider.ts';

if (!parentPort) throw new Error('decide-worker.ts runs as a worker thread, started by createThreadDecider');
const port = parentPort;
const configs = new Map<string, IngestOrgConfig>();

function run(job: DecisionJob): FromThread['replies'][number] {
  const config = configs.get(job.claims.orgId);
  if (!config) return { error: `no config for org ${job.claims.orgId} on this decision thread` };
  try {
    return runDecisionJob(job, config);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

port.on('message', (message: ToThread) => {
  if (message.type === 'config') {
    // Compile errors were already reported when the main thread compiled the same config.
    configs.set(message.orgId, compileOrgConfig(message.config as OrgConfig));
    return;
  }
  const reply: FromThread = { batch: message.batch, replies: message.jobs.map(run) };
  port.postMessage(reply);
});
