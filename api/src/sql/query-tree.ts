import { isDeniedFunction, type AstRules } from './ast.ts';

/**
 * Second look, after the analyzer resolved names: `EXPLAIN QUERY TREE` prints every table a query
 * reads as `TABLE id: n, table_name: db.table` (CTEs and aliases already replaced), every table
 * function as `TABLE_FUNCTION`, every function call with its `function_name`. Each table must be one
 * of the org's tables in the Kairro database.
 */
export function checkQueryTree(text: string, rules: AstRules): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trimStart();
    if (line.startsWith('TABLE_FUNCTION id:')) return 'Table functions are not allowed.';
    if (line.startsWith('TABLE id:')) {
      const name = /table_name: ([^,]+)/.exec(line)?.[1] ?? '';
      const dot = name.indexOf('.');
      const db = name.slice(0, dot);
      const table = name.slice(dot + 1);
      if (name === 'system.one') continue; // what a SELECT without FROM reads: one row, no data
      if (db.toLowerCase() === 'system' || db.toLowerCase() === 'information_schema')
        return 'System tables are not available in the workbench.';
      if (dot < 0 || db !== rules.database || !rules.tables.has(table))
        return `Table ${name || '(unknown)'} is not available; see the list beside the editor.`;
    }
    if (line.startsWith('FUNCTION id:')) {
      const fn = /function_name: ([^,]+)/.exec(line)?.[1] ?? '';
      if (isDeniedFunction(fn)) return `The function ${fn}() is not allowed in the workbench.`;
    }
  }
  return undefined;
}
