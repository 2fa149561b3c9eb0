import type { SchemaObject } from '@nestjs/swagger';

/** Schema keywords of whole DTOs, by schema name, that property decorators cannot express. */
const SCHEMA_KEYWORDS = new Map<string, SchemaObject>();

/**
 * Adds keywords to the DTO's schema as a whole (`oneOf`, `minProperties`, an `example` that the
 * route accepts, ...): @nestjs/swagger documents properties one by one, so rules that span
 * fields, which the DTO's class-validator rules enforce, would otherwise be missing.
 */
export function ApiSchemaKeywords(keywords: SchemaObject): ClassDecorator {
  return (target) => {
    SCHEMA_KEYWORDS.set(target.name, keywords);
  };
}

export function schemaKeywordsOf(name: string): SchemaObject | undefined {
  return SCHEMA_KEYWORDS.get(name);
}
