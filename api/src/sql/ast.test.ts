import { describe, expect, it } from 'vitest';
import { checkAst, parseExplainAst } from './ast.ts';
import { checkQueryTree } from './query-tree.ts';

const rules = { database: 'kairro', tables: new Set(['events', 'dlp_matches']) };
const wrap = (inner: string) =>
  [
    'SelectWithUnionQuery (children 1)',
    ' ExpressionList (children 1)',
    '  SelectQuery (children 2)',
    '   ExpressionList (children 1)',
    '    Asterisk',
    '   TablesInSelectQuery (children 1)',
    '    TablesInSelectQueryElement (children 1)',
    '     TableExpression (children 1)',
    ...inner.split('\n').map((l) => `      ${l}`),
  ].join('\n');

describe('checkAst', () => {
  it('accepts a select from an allowed table', () => {
    expect(checkAst(parseExplainAst(wrap('TableIdentifier kairro.events (alias e)')), rules)).toBeUndefined();
  });

  it.each([
    ['Function numbers (children 1)\n ExpressionList (children 1)\n  Literal UInt64_1', /Table functions/],
    ['TableIdentifier system.tables', /System tables/],
    ['TableIdentifier other.events', /not other\.events/],
    [
      'Subquery (children 1)\n SelectWithUnionQuery (children 2)\n  ExpressionList\n  Set',
      /FORMAT, INTO OUTFILE and SETTINGS/,
    ],
    ['Subquery (children 1)\n SelectWithUnionQuery (children 1)\n  Set', /SETTINGS clauses/],
    ['Subquery (children 1)\n Explain (children 1)', /EXPLAIN/],
    ['Subquery (children 1)\n Function FILE (children 1)', /FILE\(\) is not allowed/],
    ['Subquery (children 1)\n Function dictGetString (children 1)', /dictGetString\(\) is not allowed/],
    [
      'Subquery (children 1)\n Function in (children 1)\n  ExpressionList (children 2)\n   Identifier x\n   Identifier events',
      /IN events/,
    ],
  ])('refuses %s', (inner, message) => {
    expect(checkAst(parseExplainAst(wrap(inner)), rules)).toMatch(message);
  });
});

describe('checkQueryTree', () => {
  it('accepts allowed tables and system.one, refuses the rest', () => {
    expect(
      checkQueryTree('  TABLE id: 3, alias: __table1, table_name: kairro.events, final: 1', rules),
    ).toBeUndefined();
    expect(checkQueryTree('  TABLE id: 3, table_name: system.one', rules)).toBeUndefined();
    expect(checkQueryTree('  TABLE id: 3, table_name: system.parts', rules)).toMatch(/System tables/);
    expect(checkQueryTree('  TABLE id: 3, table_name: kairro.schema_migrations', rules)).toMatch(
      /not available/,
    );
    expect(checkQueryTree('  TABLE_FUNCTION id: 3, table_function_name: numbers', rules)).toMatch(
      /Table functions/,
    );
    expect(
      checkQueryTree('  FUNCTION id: 2, function_name: joinGet, function_type: ordinary', rules),
    ).toMatch(/joinGet/);
  });
});
