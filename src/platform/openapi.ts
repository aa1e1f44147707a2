import { z } from 'zod';

/** One API operation as the modules describe it; the same zod schemas validate the requests. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** the permission needed, if any; shown in the description */
  permission?: string;
  responses?: Record<number, string>;
}

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(
      z.object({ field: z.string().optional(), line: z.number().optional(), message: z.string() }),
    ),
  }),
});

/** Builds the OpenAPI 3.1 document served at /api/v1/openapi.json. */
export class ApiDescription {
  private readonly operations: ApiOperation[] = [];

  add(...operations: ApiOperation[]): void {
    this.operations.push(...operations);
  }

  document(): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of this.operations) {
      const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const pathParams = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const queryParams = op.query
        ? Object.entries(op.query.shape).map(([name, schema]) => ({
            name,
            in: 'query',
            required: !(schema as z.ZodType).safeParse(undefined).success,
            schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
          }))
        : [];
      const responses: Record<string, unknown> = {};
      for (const [status, description] of Object.entries(op.responses ?? { 200: 'OK' })) {
        responses[status] =
          Number(status) >= 400
            ? { description, content: { 'application/json': { schema: z.toJSONSchema(errorBody) } } }
            : { description };
      }
      for (const [status, description] of Object.entries({
        401: 'Not logged in',
        403: 'Role may not',
        422: 'Invalid input',
      })) {
        if (op.permission && !responses[status]) {
          responses[status] = {
            description,
            content: { 'application/json': { schema: z.toJSONSchema(errorBody) } },
          };
        }
      }
      paths[path] ??= {};
      paths[path][op.method] = {
        summary: op.summary,
        tags: [op.tag],
        description: op.permission
          ? `Requires permission \`${op.permission}\` (session cookie from POST /api/v1/session).`
          : 'Public.',
        parameters: [...pathParams, ...queryParams],
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Tsunagu API',
        version: '1',
        description:
          'つなぐ: the API of a municipal commerce and industry promotion plan. Errors carry a machine-readable code.',
      },
      paths,
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tsunagu_session' } },
      },
    };
  }
}
