// How a TypeScript/JavaScript rule plugs into the one shared walk: it subscribes to node kinds.
import ts from 'typescript';
import type { DraftFinding, RuleBase } from '../../core/rule';
import type { TsFile } from './file';

/** The node kinds rules subscribe to, with their node types (extend as rules need more). */
export interface NodeByKind {
  [ts.SyntaxKind.CallExpression]: ts.CallExpression;
  [ts.SyntaxKind.NewExpression]: ts.NewExpression;
  [ts.SyntaxKind.BinaryExpression]: ts.BinaryExpression;
  [ts.SyntaxKind.VariableDeclaration]: ts.VariableDeclaration;
  [ts.SyntaxKind.PropertyAssignment]: ts.PropertyAssignment;
  [ts.SyntaxKind.Parameter]: ts.ParameterDeclaration;
  [ts.SyntaxKind.BindingElement]: ts.BindingElement;
  [ts.SyntaxKind.PropertyDeclaration]: ts.PropertyDeclaration;
  [ts.SyntaxKind.ReturnStatement]: ts.ReturnStatement;
  [ts.SyntaxKind.ObjectLiteralExpression]: ts.ObjectLiteralExpression;
  [ts.SyntaxKind.TemplateExpression]: ts.TemplateExpression;
  [ts.SyntaxKind.StringLiteral]: ts.StringLiteral;
  [ts.SyntaxKind.PropertyAccessExpression]: ts.PropertyAccessExpression;
  [ts.SyntaxKind.MethodDeclaration]: ts.MethodDeclaration;
  [ts.SyntaxKind.ElementAccessExpression]: ts.ElementAccessExpression;
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: ts.NoSubstitutionTemplateLiteral;
  [ts.SyntaxKind.ArrayLiteralExpression]: ts.ArrayLiteralExpression;
}

export type TsVisitors = { [K in keyof NodeByKind]?: (node: NodeByKind[K]) => void } & {
  /** Called once after the walk, for rules that decide from what they collected. */
  onEnd?: () => void;
  /**
   * Narrows the CallExpression visitor to the calls it can act on, so the walk does not hand it
   * every call of the file (most rules care about a few functions). A call passes when its
   * callee, a property access's name or an identifier, is one of `names`; or when the file names
   * one of `module.modules` and the callee can be one of its `members` under any local name
   * (see mayBeMember); or when the callee is a name through which the file can reach one of
   * `reaching.modules` (see namesReaching: `cors()`, `axios(…)`). The visitor still makes its own
   * checks: this is a pre-filter, never a verdict.
   */
  calls?: CallFilter;
};

export interface CallFilter {
  names?: ReadonlySet<string>;
  module?: { key: string; modules: readonly string[]; members: ReadonlySet<string> };
  reaching?: { key: string; modules: readonly string[] };
}

export interface TsRuleContext {
  readonly file: TsFile;
  report(finding: DraftFinding): void;
  fact(name: string, value: string | number | boolean, node?: ts.Node): void;
}

export interface TsRule extends RuleBase {
  language: 'typescript';
  create(context: TsRuleContext): TsVisitors;
}
