/** OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
const documentSchema = {
  type: "object",
  required: [
    "id",
    "message",
    "messageId",
    "status",
    "queue",
    "assignee",
    "team",
    "caseRef",
    "customerNo",
    "surname",
    "docType",
    "receivedAt",
    "pageCount",
    "routeReason",
    "source",
  ],
  properties: {
    id: { type: "string" },
    message: { type: "string", description: "id of the captured message" },
    messageId: { type: ["string", "null"], description: "Message-ID header as written" },
    status: { enum: ["open", "done"] },
    queue: { type: "string", description: "login, team:<id> or triage" },
    assignee: { type: ["string", "null"] },
    team: { type: ["string", "null"] },
    caseRef: { type: ["string", "null"] },
    customerNo: { type: ["string", "null"] },
    surname: { type: ["string", "null"] },
    docType: { type: ["string", "null"] },
    receivedAt: {
      type: "string",
      format: "date-time",
      description: "mail server receipt time, office offset",
    },
    pageCount: { type: "integer" },
    routeReason: { type: "string" },
    source: { type: ["string", "null"] },
  },
};

const errorResponse = {
  description: "error",
  content: { "application/json": { schema: { type: "object" } } },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "Postkorb API", version: "1" },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: { Document: documentSchema },
  },
  security: [{ bearer: [] }],
  paths: {
    "/api/v1/documents": {
      get: {
        summary: "Documents the caller may see",
        parameters: ["queue", "assignee", "team", "status", "limit", "offset"].map((name) => ({
          name,
          in: "query",
          schema: { type: "string" },
        })),
        responses: {
          "200": {
            description: "list",
            content: {
              "application/json": {
                schema: { type: "array", items: { $ref: "#/components/schemas/Document" } },
              },
            },
          },
          "401": errorResponse,
        },
      },
    },
    "/api/v1/documents/{id}": {
      get: {
        summary: "One document",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "document" }, "403": errorResponse, "404": errorResponse },
      },
    },
    "/api/v1/documents/{id}/pdf": {
      get: {
        summary: "The stamped PDF",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "PDF", content: { "application/pdf": {} } },
          "403": errorResponse,
        },
      },
    },
    "/api/v1/messages/{id}": {
      get: {
        summary: "A captured message: status, documents, quarantine reason",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "message" }, "403": errorResponse },
      },
    },
  },
};
