import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '@kairro/http';
import { checkAst, parseExplainAst, type AstRules } from './ast.ts';
import { toApiError } from './errors.ts';
import { checkQueryTree } from './query-tree.ts';
import { settingsClause } from './settings.ts';

export interface GuardContext extends AstRules {
  orgId: string;
}

/**
 * Turns the caller's SQL into the one query that will run, or throws a 400 saying what is not
 * allowed. Every decision is made by ClickHouse's parser and analyzer, in this order:
 *
 * 1. `formatQuery(sql)` with the SQL passed as a parameter (data, never executed): one statement
 *    or a syntax error; the result is the canonical text without comments.
 * 2. `EXPLAIN AST` of `SELECT * FROM (<canonical>)`: only SELECT node kinds, no SETTINGS, FORMAT,
 *    INTO OUTFILE, table functions, file/dictionary/join functions or foreign databases. Nothing
 *    is resolved or run, so a table function never reaches the network or the disk.
 * 3. `EXPLAIN QUERY TREE` of the same query with the org's settings: every table the analyzer
 *    resolved (CTEs and aliases expanded) must be one of the org's tables.
 *
 * The query that runs is that wrapped text with `LIMIT limit` and the SETTINGS clause.
 */
export async function guardQuery(
  ch: ClickHouseClient,
  sql: string,
  ctx: GuardContext,
  limit: number,
): Promise<string> {
  const canonical = await formatQuery(ch, sql);
  const clause = /^(FORMAT|INTO OUTFILE|SETTINGS)\b/m.exec(canonical);
  if (clause) throw notAllowed(`${clause[1]} clauses are not allowed; the workbench chooses them.`);
  if (!/^[(\s]*(SELECT|WITH)\b/.test(canonical))
    throw notAllowed('Only a single SELECT (or WITH … SELECT) query is allowed.');

  const wrapped = `SELECT * FROM (\n${canonical}\n)`;
  const ast = parseExplainAst(await explain(ch, `EXPLAIN AST ${wrapped}`));
  const astProblem = checkAst(ast, ctx);
  if (astProblem) throw notAllowed(astProblem);

  const settings = settingsClause(ctx.orgId, ctx.database, ctx.tables);
  const treeProblem = checkQueryTree(await explain(ch, `EXPLAIN QUERY TREE ${wrapped}\n${settings}`), ctx);
  if (treeProblem) throw notAllowed(treeProblem);

  return `${wrapped}\nLIMIT ${limit}\n${settings}`;
}

async function formatQuery(ch: ClickHouseClient, sql: string): Promise<string> {
  try {
    const rows = await ch
      .query({ query: 'SELECT formatQuery({sql:String}) AS q', query_params: { sql }, format: 'JSONEachRow' })
      .then((r) => r.json<{ q: string }>());
    return (rows[0]?.q ?? '').trim();
  } catch (err) {
    throw toApiError(err);
  }
}

async function explain(ch: ClickHouseClient, query: string): Promise<string> {
  try {
    // exec, not query: the client would append a FORMAT clause to the explained statement.
    const { stream } = await ch.exec({ query, clickhouse_settings: { default_format: 'TabSeparatedRaw' } });
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  } catch (err) {
    throw toApiError(err);
  }
}

function notAllowed(message: string): ApiError {
  return new ApiError('SQL_NOT_ALLOWED', message);
}
