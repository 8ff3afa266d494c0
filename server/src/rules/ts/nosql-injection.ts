// MongoDB queries the caller can rewrite: a filter value taken from a request body or query
// string can be an object (`{ "$ne": null }`) that matches every document, and `$where`,
// `$function` and mapReduce run JavaScript text on the database.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { importedModules } from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, isTypeChecked, sinkTaint, type SinkTaint } from '../../knowledge/taint';
import {
  isConstant,
  propertyNameText,
  skipOuterExpressions,
  variableInitializer,
} from '../../languages/typescript/values';
import { shorten } from '../../core/text';

/** Collection and model methods whose first argument is a filter (distinct's is its second). */
const filterMethods = new Set([
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndRemove',
  'findOneAndReplace',
  'updateOne',
  'updateMany',
  'update',
  'deleteOne',
  'deleteMany',
  'remove',
  'replaceOne',
  'countDocuments',
  'count',
  'exists',
  'distinct',
  'aggregate',
]);
const codeMethods = new Set(['mapReduce', '$where']);
const mongoModules = ['mongodb', 'mongoose', 'monk', 'mongojs', 'mongoist', '@nestjs/mongoose', '@typegoose/typegoose'];
/** ORMs whose filters are not Mongo's: string operators mean nothing to them. */
const otherOrms = ['sequelize', 'typeorm', '@prisma/client', 'objection', 'knex', '@mikro-orm/core', 'waterline'];
/** Operators whose value is a list of filters or a filter. */
const nestedFilters = new Set(['$or', '$and', '$nor', '$elemMatch', '$not']);
/** JavaScript the database runs: `$function: { body }`, `$accumulator: { init, accumulate, … }`. */
const codeOperators: Record<string, readonly string[]> = {
  $function: ['body'],
  $accumulator: ['init', 'accumulate', 'merge', 'finalize'],
};

const collectionName = /(?:coll(?:ection)?s?|Col|Model|Repo(?:sitory)?)$/i;

/** Whether a call's receiver is a Mongo collection or model, as far as the file can tell. */
function isMongoReceiver(file: TsFile, receiver: ts.Expression, mongoFile: boolean): boolean {
  const e = skipOuterExpressions(receiver);
  // db.collection('users').find(…), this.db.collection(name).findOne(…)
  if (ts.isCallExpression(e)) {
    const callee = skipOuterExpressions(e.expression);
    return ts.isPropertyAccessExpression(callee) && (callee.name.text === 'collection' || callee.name.text === 'model');
  }
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  if (name === undefined || name === '_' || name === 'lodash' || name === 'R') return false;
  if (ts.isIdentifier(e)) {
    const initializer = variableInitializer(file, e);
    if (initializer && /\.(?:collection|model)\(/.test(file.textOf(initializer))) return true;
  }
  if (collectionName.test(name)) return true;
  // User.findOne(…): a model, in a file that uses Mongo.
  return mongoFile && /^[A-Z]/.test(name);
}

/** The file turns Mongoose's filter sanitizing on (`mongoose.set('sanitizeFilter', true)`, `sanitizeFilter(q)`). */
function sanitizesFilters(file: TsFile): boolean {
  return /sanitizeFilter|express-mongo-sanitize|mongo-sanitize/.test(file.text);
}

function eqFix(file: TsFile, property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): DraftFix {
  const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
  const text = file.textOf(value);
  return {
    title: 'Compare with $eq (an object in the value stays a value)',
    kind: 'fix',
    edits: ts.isPropertyAssignment(property)
      ? [{ start: file.start(value), end: value.end, newText: `{ $eq: ${text} }` }]
      : [{ start: file.start(property), end: property.end, newText: `${text}: { $eq: ${text} }` }],
  };
}

export const nosqlInjection: TsRule = {
  id: 'ts/nosql-injection',
  language: 'typescript',
  meta: {
    title: 'MongoDB query the caller can rewrite',
    summary: 'MongoDB filters taken from request data, and $where/mapReduce code built from values',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      'A MongoDB filter value comes straight from a request body or query string. JSON bodies and `?password[$ne]=` query strings make it an object, so `{ password: { $ne: null } }` matches any user and logs the caller in. `$where`, `$function` and `mapReduce` go further: their text runs as JavaScript on the database.',
    remedy:
      'Compare with `{ $eq: value }` or turn the value into a string first (or validate it with a schema); never build `$where` or mapReduce code from values.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    let mongo: boolean | undefined;
    const mongoFile = (): boolean =>
      (mongo ??= ((): boolean => {
        const modules = importedModules(file);
        return mongoModules.some((m) => modules.has(m));
      })());
    // With Mongoose's sanitizeFilter or a mongo-sanitize middleware, operators are stripped from
    // filters: only code ($where, $function) stays dangerous.
    let sanitized: boolean | undefined;
    const stripped = (): boolean => (sanitized ??= sanitizesFilters(file));
    let orm: boolean | undefined;
    const otherOrm = (): boolean =>
      (orm ??= ((): boolean => {
        const modules = importedModules(file);
        return otherOrms.some((m) => modules.has(m));
      })());

    /** `$where` text, a `$function` body, a mapReduce function: JavaScript the database runs. */
    const reportCode = (value: ts.Expression, what: string): void => {
      const e = skipOuterExpressions(value);
      if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || isConstant(file, e)) return;
      const taint = sinkTaint(file, value, 'plain', value);
      const at = { start: file.start(value), end: value.end };
      const tainted = (taint: SinkTaint): string =>
        `${what} is built from ${describeTaint(taint)}: it runs as JavaScript on the database, and the caller chooses it. Express the condition with query operators instead.`;
      if (taint) {
        context.report({ ...at, message: tainted(taint), ...flowOf(taint) });
        return;
      }
      context.report({
        ...at,
        message: `${what} is built from '${shorten(file.textOf(value))}', which is not a constant: whatever it holds runs as JavaScript on the database. Express the condition with query operators instead.`,
        severity: 'warning',
      });
    };

    /** `$function` and `$accumulator` code anywhere in an aggregation stage. */
    const stageCode = (value: ts.Expression, depth: number): void => {
      const e = skipOuterExpressions(value);
      if (depth > 6) return;
      if (ts.isArrayLiteralExpression(e)) for (const element of e.elements) stageCode(element, depth + 1);
      if (!ts.isObjectLiteralExpression(e)) return;
      for (const property of e.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const key = propertyNameText(property.name) ?? '';
        const fields = codeOperators[key];
        const inner = skipOuterExpressions(property.initializer);
        if (fields && ts.isObjectLiteralExpression(inner)) {
          for (const field of inner.properties)
            if (ts.isPropertyAssignment(field) && fields.includes(propertyNameText(field.name) ?? ''))
              reportCode(field.initializer, `The ${key} ${propertyNameText(field.name)} code`);
        } else stageCode(property.initializer, depth + 1);
      }
    };

    /** A filter's values, each checked: a request value can be an operator object. */
    const checkFilter = (filter: ts.Expression, call: ts.CallExpression, depth: number): void => {
      const e = skipOuterExpressions(filter);
      if (depth > 4) return;
      if (ts.isArrayLiteralExpression(e)) {
        for (const element of e.elements) checkFilter(element, call, depth + 1);
        return;
      }
      if (!ts.isObjectLiteralExpression(e)) {
        if (depth > 0 || stripped() || isConstant(file, e)) return;
        // find(req.body): the caller writes the whole filter.
        const taint = sinkTaint(file, filter, 'query', call);
        if (!taint || isTypeChecked(file, call, filter)) return;
        context.report({
          start: file.start(filter),
          end: filter.end,
          message: `The whole filter comes from ${describeTaint(taint)}: the caller writes the query, operators and all ({ "$ne": null } matches every document). Build the filter from the fields you expect, each turned into a string.`,
          ...flowOf(taint),
        });
        return;
      }
      // Prisma, TypeORM and Sequelize filters sit under `where`: not Mongo's.
      if (depth === 0 && e.properties.some((p) => p.name && propertyNameText(p.name) === 'where')) return;
      for (const property of e.properties) {
        if (ts.isSpreadAssignment(property)) {
          if (stripped()) continue;
          const taint = sinkTaint(file, property.expression, 'query', call);
          if (taint)
            context.report({
              start: file.start(property),
              end: property.end,
              message: `The filter spreads ${describeTaint(taint)}: the caller adds any field and operator to the query. Pick the fields you expect, each turned into a string.`,
              ...flowOf(taint),
            });
          continue;
        }
        if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
        const key = property.name && propertyNameText(property.name);
        if (key === undefined) continue;
        const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
        if (key === '$where') {
          reportCode(value, 'The $where condition');
          continue;
        }
        if (key.startsWith('$')) {
          const fields = codeOperators[key];
          const inner = skipOuterExpressions(value);
          if (fields && ts.isObjectLiteralExpression(inner)) {
            for (const field of inner.properties)
              if (ts.isPropertyAssignment(field) && fields.includes(propertyNameText(field.name) ?? ''))
                reportCode(field.initializer, `The ${key} ${propertyNameText(field.name)} code`);
          } else if (nestedFilters.has(key) || key === '$match') checkFilter(value, call, depth + 1);
          // Other operators ($eq, $in, $gt, …) compare the value as data.
          continue;
        }
        const inner = skipOuterExpressions(value);
        if (ts.isObjectLiteralExpression(inner)) {
          checkFilter(inner, call, depth + 1);
          continue;
        }
        if (stripped() || isConstant(file, inner)) continue;
        const taint = sinkTaint(file, value, 'query', call);
        if (!taint || isTypeChecked(file, call, value)) continue;
        context.report({
          start: file.start(value),
          end: value.end,
          message: `The filter's '${key}' comes from ${describeTaint(taint)}, which can be an object: { "$ne": null } there matches every document. Compare with { $eq: … } or turn it into a string.`,
          fixes: [eqFix(file, property)],
          ...flowOf(taint),
        });
      }
    };

    return {
      calls: { names: new Set([...filterMethods, ...codeMethods]) },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (!ts.isPropertyAccessExpression(callee) || call.arguments.length === 0) return;
        const method = callee.name.text;
        if (!isMongoReceiver(file, callee.expression, mongoFile()) || otherOrm()) return;
        if (method === 'mapReduce') {
          reportCode(call.arguments[0], 'The mapReduce map function');
          if (call.arguments[1]) reportCode(call.arguments[1], 'The mapReduce reduce function');
          return;
        }
        if (method === '$where') {
          reportCode(call.arguments[0], 'The $where condition');
          return;
        }
        const filter = method === 'distinct' ? call.arguments[1] : call.arguments[0];
        if (!filter) return;
        if (method === 'aggregate') {
          const stages = skipOuterExpressions(filter);
          if (!ts.isArrayLiteralExpression(stages)) return;
          for (const stage of stages.elements) {
            const e = skipOuterExpressions(stage);
            if (!ts.isObjectLiteralExpression(e)) continue;
            for (const property of e.properties) {
              if (!ts.isPropertyAssignment(property)) continue;
              // { $match: filter }; any other stage can hold $function or $accumulator code.
              if (propertyNameText(property.name) === '$match') checkFilter(property.initializer, call, 1);
              else stageCode(property.initializer, 0);
            }
          }
          return;
        }
        checkFilter(filter, call, 0);
      },
    };
  },
};
