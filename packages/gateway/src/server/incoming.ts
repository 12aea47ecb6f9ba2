import type { ApolloServerPlugin } from '@apollo/server';
import type { Issue } from '@jiceng/domain';
import { type DocumentNode, valueFromASTUntyped, visit } from 'graphql';
import { incomingTextIssues } from '../application/inputs.js';
import type { GatewayContext } from '../kernel/context.js';
import { badInput } from '../kernel/errors.js';

/**
 * Refuses, before any resolver runs, an operation that carries a string breaking the domain's
 * text rule for anything that enters (`INCOMING_TEXT`: a NUL byte, a lone surrogate, a control
 * character, a string longer than any field takes), in its variables or in the document's own
 * literals: BAD_USER_INPUT (400) with every issue, nothing written. Fields add their own rules
 * (length, one line) in the input collectors.
 */
export function incomingTextPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const issues = [...incomingTextIssues(request.variables ?? {}), ...literalIssues(document)];
          if (issues.length > 0) throw badInput(issues);
        },
      };
    },
  };
}

/** The issues of the strings written into the document: arguments and variables' defaults. */
function literalIssues(document: DocumentNode): Issue[] {
  const issues: Issue[] = [];
  visit(document, {
    Argument(node) {
      issues.push(...incomingTextIssues(valueFromASTUntyped(node.value), [node.name.value]));
      return false;
    },
    VariableDefinition(node) {
      if (node.defaultValue !== undefined) {
        issues.push(
          ...incomingTextIssues(valueFromASTUntyped(node.defaultValue), [node.variable.name.value]),
        );
      }
      return false;
    },
  });
  return issues;
}
