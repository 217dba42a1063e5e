/// The API's OpenAPI 3.0 document, served at `GET /api/openapi.json`.
enum OpenAPI {
  static let document = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "secondment workbench API",
        "version": "1",
        "description": "Plans where seconded law-enforcement staff work. A solve runs as a job; poll it, fetch its roster, or cancel it (the best roster so far is kept). Errors are JSON with the command line's messages: the file, the place, what is wrong and the fix. When the workbench was started with a token, send it as header X-Workbench-Token."
      },
      "paths": {
        "/api/solve": {
          "post": {
            "summary": "Start a solve of an instance",
            "parameters": [
              {"name": "timeLimit", "in": "query", "schema": {"type": "number", "default": 30, "minimum": 0, "exclusiveMinimum": true, "maximum": 86400}, "description": "Seconds."},
              {"name": "solver", "in": "query", "schema": {"type": "string", "enum": ["auto", "glpk", "greedy"], "default": "auto"}}
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {"schema": {"type": "object", "description": "An instance (docs/instance-format.md)."}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary", "description": "An instance workbook (docs/workbook-format.md)."}}
              }
            },
            "responses": {
              "202": {"description": "The job was queued.", "content": {"application/json": {"schema": {"type": "object", "properties": {"job": {"type": "string"}}, "required": ["job"]}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/jobs": {
          "get": {
            "summary": "Every job",
            "responses": {"200": {"description": "The jobs.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}}}}}
          }
        },
        "/api/jobs/{id}": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}],
          "get": {"summary": "A job's status and progress", "responses": {"200": {"$ref": "#/components/responses/Job"}, "404": {"$ref": "#/components/responses/Error"}}},
          "delete": {"summary": "Cancel a job; a running solve keeps the best roster found so far", "responses": {"202": {"$ref": "#/components/responses/Job"}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/jobs/{id}/events": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}],
          "get": {"summary": "The job's status as server-sent events: 'status' at the start and on every change, 'end' with the final status, then the stream closes", "responses": {"200": {"description": "An event stream.", "content": {"text/event-stream": {"schema": {"type": "string"}}}}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/jobs/{id}/roster": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}],
          "get": {
            "summary": "The job's roster, in the format of solve --output",
            "responses": {
              "200": {"description": "The roster (docs/roster-format.md).", "content": {"application/json": {"schema": {"type": "object"}}}},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/openapi.json": {
          "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.0"}}}
        }
      },
      "components": {
        "parameters": {
          "JobID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{12}$"}}
        },
        "schemas": {
          "Job": {
            "type": "object",
            "required": ["id", "state", "solver", "timeLimit", "hasRoster"],
            "properties": {
              "id": {"type": "string"},
              "state": {"type": "string", "enum": ["queued", "running", "done", "failed", "cancelled"]},
              "solver": {"type": "string"},
              "timeLimit": {"type": "number"},
              "queuePosition": {"type": "integer", "description": "Jobs that start before this one, while queued."},
              "progress": {"type": "object", "properties": {"elapsed": {"type": "number"}, "incumbent": {"type": "number"}, "bound": {"type": "number"}, "gap": {"type": "number"}}},
              "hasRoster": {"type": "boolean"},
              "exitStatus": {"type": "integer", "description": "0 a roster keeping every rule, 1 one breaking rules, 2 bad input, 3 no roster, 4 stopped with the best roster so far."},
              "message": {"type": "string"},
              "result": {"type": "object", "description": "Once the job has a roster: what its roster file says.", "properties": {"status": {"type": "string"}, "objective": {"type": "number"}, "bound": {"type": "number"}, "gap": {"type": "number"}, "solver": {"type": "string"}}}
            }
          },
          "Problem": {
            "type": "object",
            "required": ["message"],
            "properties": {"file": {"type": "string"}, "place": {"type": "string"}, "message": {"type": "string"}, "fix": {"type": "string"}}
          }
        },
        "responses": {
          "Job": {"description": "The job.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
          "Error": {
            "description": "What is wrong, where, and the fix.",
            "content": {"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "object", "properties": {"message": {"type": "string"}, "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}}}}}
          }
        }
      }
    }
    """#
}
