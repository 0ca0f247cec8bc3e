/**
 * Checks the tree ClickHouse's own parser prints for `EXPLAIN AST SELECT * FROM (<query>)`: one
 * line per node, indented one space per level, `Kind [name] [(alias a)] [(children n)]`. Only node
 * kinds a plain SELECT is made of are accepted, so anything the parser knows and we do not (SETTINGS,
 * EXPLAIN, query parameters, …) is refused rather than overlooked.
 */
export interface AstNode {
  kind: string;
  /** Function, identifier or literal text after the kind, without alias or children count. */
  name: string;
  children: AstNode[];
}

export interface AstRules {
  /** The database the workbench reads (`currentDatabase()`). */
  database: string;
  /** Tables (unqualified names) the org may read. */
  tables: ReadonlySet<string>;
}

const SELECT_NODE_KINDS = new Set([
  'SelectWithUnionQuery',
  'SelectIntersectExceptQuery',
  'SelectQuery',
  'ExpressionList',
  'Identifier',
  'Literal',
  'Function',
  'Asterisk',
  'QualifiedAsterisk',
  'ColumnsRegexpMatcher',
  'ColumnsListMatcher',
  'QualifiedColumnsRegexpMatcher',
  'QualifiedColumnsListMatcher',
  'ColumnsTransformerList',
  'ColumnsApplyTransformer',
  'ColumnsExceptTransformer',
  'ColumnsReplaceTransformer',
  'ColumnsReplaceTransformer::Replacement',
  'TablesInSelectQuery',
  'TablesInSelectQueryElement',
  'TableExpression',
  'TableIdentifier',
  'TableJoin',
  'ArrayJoin',
  'Subquery',
  'WithElement',
  'OrderByElement',
  'InterpolateElement',
  'WindowDefinition',
  'WindowListElement',
  'SampleRatio',
]);

/**
 * Functions that read something other than the rows of the query's tables (files, dictionaries,
 * Join tables, server configuration) or hold the single chDB session (sleep). Compared lower-case;
 * every `dict…` function is refused too.
 */
export const DENIED_FUNCTIONS = new Set(
  [
    'file',
    'joinGet',
    'joinGetOrNull',
    'hasColumnInTable',
    'catboostEvaluate',
    'naiveBayesClassifier',
    'getMacro',
    'getServerSetting',
    'getMergeTreeSetting',
    'getClientHTTPHeader',
    'filesystemAvailable',
    'filesystemCapacity',
    'filesystemUnreserved',
    'sleep',
    'sleepEachRow',
    'globalVariable',
  ].map((f) => f.toLowerCase()),
);

const IN_FUNCTIONS = new Set([
  'in',
  'notin',
  'globalin',
  'globalnotin',
  'nullin',
  'notnullin',
  'globalnullin',
  'globalnotnullin',
]);

export function isDeniedFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return DENIED_FUNCTIONS.has(lower) || lower.startsWith('dict');
}

export function parseExplainAst(text: string): AstNode {
  const roots: AstNode[] = [];
  const stack: { depth: number; node: AstNode }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const depth = line.length - line.trimStart().length;
    const body = line.trimStart();
    const space = body.indexOf(' ');
    const kind = space < 0 ? body : body.slice(0, space);
    const rest = space < 0 ? '' : body.slice(space + 1);
    const name = rest.replace(/ \(children \d+\)$/, '').replace(/ \(alias [^)]*\)$/, '');
    const node: AstNode = { kind, name, children: [] };
    while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
    if (stack.length === 0) roots.push(node);
    else stack.at(-1)!.node.children.push(node);
    stack.push({ depth, node });
  }
  if (roots.length !== 1) throw new Error(`EXPLAIN AST printed ${roots.length} roots`);
  return roots[0]!;
}

/** The first reason the tree is not allowed, or undefined when it is. */
export function checkAst(root: AstNode, rules: AstRules): string | undefined {
  if (root.kind !== 'SelectWithUnionQuery')
    return 'Only a single SELECT (or WITH … SELECT) query is allowed.';
  return visit(root, undefined, rules);
}

function visit(node: AstNode, parent: AstNode | undefined, rules: AstRules): string | undefined {
  const problem = checkNode(node, parent, rules);
  if (problem) return problem;
  for (const child of node.children) {
    const childProblem = visit(child, node, rules);
    if (childProblem) return childProblem;
  }
  return undefined;
}

function checkNode(node: AstNode, parent: AstNode | undefined, rules: AstRules): string | undefined {
  if (node.kind === 'Set') return 'SETTINGS clauses are not allowed; the workbench sets the query settings.';
  if (node.kind === 'QueryParameter') return 'Query parameters ({name:Type}) are not supported.';
  if (node.kind === 'Explain') return 'EXPLAIN is not allowed.';
  if (!SELECT_NODE_KINDS.has(node.kind)) return `${node.kind} is not allowed in a workbench query.`;
  if (node.kind === 'SelectWithUnionQuery' && node.children.length !== 1)
    return 'FORMAT, INTO OUTFILE and SETTINGS clauses are not allowed.';
  if (node.kind === 'Function') {
    const fn = node.name.split(' ')[0] ?? '';
    if (parent?.kind === 'TableExpression')
      return `Table functions such as ${fn}() are not allowed; query the tables listed beside the editor.`;
    if (isDeniedFunction(fn)) return `The function ${fn}() is not allowed in the workbench.`;
    if (IN_FUNCTIONS.has(fn.toLowerCase())) {
      const right = node.children[0]?.children[1];
      if (right?.kind === 'Identifier')
        return `"IN ${right.name}" is not allowed; write IN (SELECT … FROM ${right.name}).`;
    }
  }
  if (node.kind === 'TableIdentifier') return checkTable(node.name, rules);
  return undefined;
}

function checkTable(name: string, rules: AstRules): string | undefined {
  const parts = name.split('.');
  const table = parts.at(-1) ?? '';
  if (parts.length > 2) return `Table name ${name} is not allowed.`;
  if (parts.length === 2) {
    const db = parts[0]!;
    if (['system', 'information_schema'].includes(db.toLowerCase()))
      return 'System tables are not available in the workbench.';
    if (db !== rules.database) return `Only the Kairro tables can be queried, not ${name}.`;
    if (!rules.tables.has(table)) return `Table ${table} is not available; see the list beside the editor.`;
  }
  // An unqualified name may be a CTE; EXPLAIN QUERY TREE resolves it and checks the real tables.
  return undefined;
}
