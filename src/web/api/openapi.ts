/** OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
import { MAX_SHEETS_PER_REQUEST } from "../../pdf/issue-cover-sheets.js";

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

const coverSheetRequestSchema = {
  type: "object",
  required: ["docType"],
  properties: {
    docType: {
      type: "string",
      minLength: 1,
      maxLength: 80,
      description:
        "document type (Dokumentart), e.g. Kontoauszug; a sheet with only this is a generic help-desk sheet",
    },
    caseRef: { type: ["string", "null"], minLength: 1, maxLength: 40, description: "Aktenzeichen" },
    customerNo: { type: ["string", "null"], minLength: 1, maxLength: 20, description: "Kundennummer" },
    surname: {
      type: ["string", "null"],
      minLength: 1,
      maxLength: 120,
      description: "printed on the sheet and recorded; not part of the signed QR code",
    },
    declaredPages: {
      type: ["integer", "null"],
      minimum: 1,
      maximum: 999,
      description: "pages the document should have; a different count is flagged on the document",
    },
    count: {
      type: "integer",
      minimum: 1,
      maximum: MAX_SHEETS_PER_REQUEST,
      default: 1,
      description: "number of sheets, one serial each",
    },
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
    schemas: { Document: documentSchema, CoverSheetRequest: coverSheetRequestSchema },
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
    "/api/v1/cover-sheets": {
      post: {
        summary:
          "Issue signed cover sheets (Deckblätter): each is recorded and audited; returns the printable PDF",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/CoverSheetRequest" } } },
        },
        responses: {
          "201": {
            description: "printable PDF, one A4 page per sheet",
            headers: {
              "X-Cover-Sheet-Serials": {
                description: "serials of the issued sheets, comma-separated, in page order",
                schema: { type: "string" },
              },
            },
            content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
          },
          "400": errorResponse,
          "401": errorResponse,
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
