import {
  buildMessage,
  IsOptional,
  MaxLength,
  validate,
  ValidateBy,
  type ValidationError,
  type ValidatorOptions,
} from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ValidatorFn } from 'type-graphql';
import { badInput } from './errors';
import { checkTextArguments } from './text-input';

/**
 * Argument validation for the whole schema (buildSchema's `validateFn`), run after authorization and
 * before any resolver: text hygiene on every argument (text-input.ts), then the class-validator
 * decorators of input and args classes, nested inputs included (`@ValidateNested`). A refusal is
 * BAD_USER_INPUT whose message names each offending field by its path (`input.lines[2].quantity`)
 * and the limit; `extensions.field` is the first path. Submitted values are never echoed back.
 */

const OPTIONS: ValidatorOptions = {
  // GraphQL already enforces nullability; null optional fields are not validated (type-graphql's default).
  skipMissingProperties: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};
// Enough to fix a form; a 1,000-line document with every line wrong would otherwise be a huge message.
const MAX_ISSUES_IN_MESSAGE = 10;

// One resolver call validates each of its parameters separately, with the same resolverData.
const textChecked = new WeakSet<object>();

export const validateArguments: ValidatorFn = async (argValue, argType, resolverData) => {
  if (!textChecked.has(resolverData)) {
    textChecked.add(resolverData);
    checkTextArguments(resolverData.args, resolverData.info);
  }
  if (argValue === null || typeof argValue !== 'object') return;
  const prefix = argumentPrefix(argType, resolverData.info);
  const values: object[] = Array.isArray(argValue) ? argValue : [argValue];
  const issues: Issue[] = [];
  for (const [i, value] of values.entries()) {
    if (value === null || typeof value !== 'object') continue;
    const errors = await validate(value, OPTIONS);
    const base = Array.isArray(argValue) ? `${prefix}[${i}]` : prefix;
    for (const error of errors) collect(error, base, issues);
  }
  if (issues.length > 0) throw refusal(issues);
};

interface Issue {
  field: string;
  messages: string[];
}

function collect(error: ValidationError, base: string, into: Issue[]): void {
  const field = /^\d+$/.test(error.property)
    ? `${base}[${error.property}]`
    : base
      ? `${base}.${error.property}`
      : error.property;
  if (error.constraints) {
    // class-validator messages start with the bare property name; say the whole path instead.
    const messages = Object.values(error.constraints).map((m) =>
      m.startsWith(`${error.property} `) ? `${field}${m.slice(error.property.length)}` : `${field}: ${m}`,
    );
    into.push({ field, messages });
  }
  for (const child of error.children ?? []) collect(child, field, into);
}

function refusal(issues: Issue[]) {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).flatMap((issue) => issue.messages);
  const more = issues.length - MAX_ISSUES_IN_MESSAGE;
  return badInput(`${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`, {
    field: issues[0]!.field,
    validationErrors: issues.slice(0, 100),
  });
}

/** `input` for `@Arg('input') input: SomeInput`; nothing for an `@Args()` class, whose fields are the arguments. */
function argumentPrefix(argType: unknown, info: GraphQLResolveInfo): string {
  const inputType = getMetadataStorage().inputTypes.find((t) => t.target === argType);
  if (!inputType) return '';
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return args.find((a) => getNamedType(a.type).name === inputType.name)?.name ?? '';
}

/** Refuses text that is empty once trimmed (the services store names trimmed). */
export function NotBlank(): PropertyDecorator {
  return ValidateBy({
    name: 'notBlank',
    validator: {
      validate: (value) => typeof value === 'string' && value.trim().length > 0,
      defaultMessage: buildMessage((each) => `${each}$property must not be blank`),
    },
  });
}

/** Required text: at most `max` characters, not blank. */
export function RequiredText(max: number): PropertyDecorator {
  return (target, key) => {
    MaxLength(max)(target, key);
    NotBlank()(target, key);
  };
}

/** Optional text: null or at most `max` characters. */
export function OptionalText(max: number): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    MaxLength(max)(target, key);
  };
}

/** On a document's `lines`: the serial numbers of all lines together stay within `max`. */
export function TotalSerialsAtMost(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'totalSerialsAtMost',
    constraints: [max],
    validator: {
      validate: (lines) =>
        !Array.isArray(lines) || lines.reduce((total: number, line) => total + serialsOnLine(line), 0) <= max,
      defaultMessage: buildMessage(
        () => `$property carry more than $constraint1 serial numbers in total; split the document`,
      ),
    },
  });
}

/** Serials a line lists, or makes (`generate`, a reservation's `quantity`). */
function serialsOnLine(
  line: {
    serials?: unknown[] | null;
    units?: unknown[] | null;
    generate?: number | null;
    reservationId?: string | null;
    quantity?: number;
  } | null,
): number {
  if (line?.serials || line?.units) return (line.serials?.length ?? 0) + (line.units?.length ?? 0);
  if (line?.generate) return line.generate;
  return line?.reservationId ? (line.quantity ?? 0) : 0;
}
