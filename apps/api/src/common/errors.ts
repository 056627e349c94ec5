import { DomainError, ErrorCode } from '@serialgraph/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthorizationError } from 'type-graphql';
import { queryTimeoutError } from '../db/statement-timeout';

export { DomainError, ErrorCode };

/** Shorthand for the most common refusal. */
export function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${what} was not found.`);
}

export function badInput(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, undefined, details);
}

/**
 * Turns whatever a resolver threw into the contract's error shape: a stable `extensions.code`, and
 * `extensions.serials` naming every offending number. Unexpected errors are masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = queryTimeoutError(unwrapResolverError(error)) ?? unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.serials ? { serials: original.serials } : {}),
        ...(original.details ?? {}),
      },
    };
  }
  const name = (original as Error | undefined)?.name;
  if (original instanceof ArgumentValidationError || name === 'ArgumentValidationError') {
    const errors =
      (original as { extensions?: { validationErrors?: ValidationIssue[] } }).extensions?.validationErrors ??
      [];
    return {
      ...formatted,
      extensions: { code: ErrorCode.BAD_USER_INPUT, validationErrors: errors.map(describeIssue) },
    };
  }
  // type-graphql 2 throws AuthorizationError (extensions.code UNAUTHORIZED) when a role check fails.
  if (name === 'ForbiddenError' || original instanceof AuthorizationError) {
    return {
      ...formatted,
      message: 'Your API key’s role may not do this.',
      extensions: { code: ErrorCode.FORBIDDEN },
    };
  }
  if (name === 'UnauthorizedError') {
    return { ...formatted, extensions: { code: ErrorCode.UNAUTHENTICATED } };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError || (code && code !== 'INTERNAL_SERVER_ERROR')) return formatted;
  console.error(original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** What was wrong and where, without echoing the submitted input back (it can be 100,000 serials). */
function describeIssue(issue: ValidationIssue): ValidationIssue {
  return {
    property: issue.property,
    ...(issue.constraints ? { constraints: issue.constraints } : {}),
    ...(issue.children?.length ? { children: issue.children.map(describeIssue) } : {}),
  };
}
