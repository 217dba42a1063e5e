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
            "summary": "Start a solve of an instance: the body, or with ?instance=ID one kept in the workspace",
            "parameters": [
              {"name": "instance", "in": "query", "schema": {"type": "string", "pattern": "^[0-9a-f]{12}$"}, "description": "A kept instance (POST /api/instances); then the body is empty."},
              {"name": "timeLimit", "in": "query", "schema": {"type": "number", "default": 30, "minimum": 0, "exclusiveMinimum": true, "maximum": 86400}, "description": "Seconds."},
              {"name": "solver", "in": "query", "schema": {"type": "string", "enum": ["auto", "glpk", "greedy"], "default": "auto"}}
            ],
            "requestBody": {"$ref": "#/components/requestBodies/Instance"},
            "responses": {
              "202": {"description": "The job was queued.", "content": {"application/json": {"schema": {"type": "object", "properties": {"job": {"type": "string"}}, "required": ["job"]}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/instances": {
          "get": {
            "summary": "The district data kept in the workspace, oldest first",
            "responses": {"200": {"description": "The kept instances.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/StoredInstance"}}}}}}
          },
          "post": {
            "summary": "Keep an instance (JSON or a workbook), loaded and validated first",
            "requestBody": {"$ref": "#/components/requestBodies/Instance"},
            "responses": {
              "201": {"description": "Kept.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StoredInstance"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/instances/{id}": {
          "parameters": [{"$ref": "#/components/parameters/InstanceID"}, {"$ref": "#/components/parameters/Language"}],
          "get": {"summary": "A kept instance as the district page shows it: towns with coordinates and demand, zones, departments, staff; names in the language asked for", "responses": {"200": {"description": "The district.", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/jobs/{id}/view": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}, {"$ref": "#/components/parameters/Language"}],
          "get": {"summary": "The job's roster as the roster page shows it: by person, by town, by department, and the coverage of every (town, department) pair with demand, as the checker figures them", "responses": {"200": {"description": "The roster's tables.", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/jobs/{id}/resolve": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}],
          "post": {
            "summary": "Re-solve from the job's roster with people pinned to a posting and postings forbidden for people: everyone's current posting becomes their posting in that roster, so moves are weighed against it; pins and forbidden postings are hard rules",
            "parameters": [
              {"name": "timeLimit", "in": "query", "schema": {"type": "number", "default": 30}},
              {"name": "solver", "in": "query", "schema": {"type": "string", "enum": ["auto", "glpk", "greedy"], "default": "auto"}}
            ],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["pins"], "properties": {"pins": {"type": "array", "items": {"$ref": "#/components/schemas/PersonPosting"}}, "forbid": {"type": "array", "items": {"$ref": "#/components/schemas/PersonPosting"}}}}}}},
            "responses": {
              "202": {"description": "The re-solve was queued.", "content": {"application/json": {"schema": {"type": "object", "properties": {"job": {"type": "string"}}}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/jobs/{id}/whatif": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}],
          "post": {
            "summary": "Run a what-if anchored on the job's roster: the body is a scenario in the file format of secondment whatif (docs/scenarios.md), YAML or JSON",
            "parameters": [
              {"name": "timeLimit", "in": "query", "schema": {"type": "number", "default": 30}},
              {"name": "solver", "in": "query", "schema": {"type": "string", "enum": ["auto", "glpk", "greedy"], "default": "auto"}}
            ],
            "requestBody": {"required": true, "content": {"application/yaml": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}},
            "responses": {
              "202": {"description": "The what-if was queued; its status carries label and changes.", "content": {"application/json": {"schema": {"type": "object", "properties": {"job": {"type": "string"}}}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/jobs/{id}/why": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}, {"$ref": "#/components/parameters/Language"}, {"name": "person", "in": "query", "required": true, "schema": {"type": "string"}, "description": "A person id of the roster."}],
          "get": {"summary": "Why a person holds their posting: the roster's objective terms with them there against the next best posting for them, everyone else staying put, priced by the checker", "responses": {"200": {"description": "The comparison.", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/compare": {
          "get": {
            "summary": "Rosters side by side, the first the base: per run the label, changes, result, pairs covered, unmet FTE, objective, broken rules, moves against the base, people new and gone; per (town, department) pair with demand the demand and supply of every run",
            "parameters": [{"name": "jobs", "in": "query", "required": true, "schema": {"type": "string"}, "description": "Job ids, comma-separated, at least two; the first is the base."}, {"$ref": "#/components/parameters/Language"}],
            "responses": {"200": {"description": "The comparison.", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/api/jobs/{id}/workbook": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}, {"$ref": "#/components/parameters/Language"}],
          "get": {"summary": "The job's roster workbook (by person, by town, by department, coverage, notes), as solve --xlsx writes it", "responses": {"200": {"description": "The workbook.", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/jobs/{id}/report": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}, {"$ref": "#/components/parameters/Language"}],
          "get": {"summary": "The planner's report on the job's roster (as solve --report writes it): measures, coverage heat map, unmet demand by town, roster per town, provenance; in the language asked for", "responses": {"200": {"description": "A self-contained HTML document.", "content": {"text/html": {"schema": {"type": "string"}}}}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/jobs/{id}/notices": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}, {"$ref": "#/components/parameters/Language"}],
          "get": {"summary": "The posting notices (派驻通知书): one printable page per person with a posting", "responses": {"200": {"description": "An HTML document with a print style sheet.", "content": {"text/html": {"schema": {"type": "string"}}}}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/replan": {
          "post": {
            "summary": "Plan a quarter from the workspace's plan history (history.sqlite), as secondment replan does: from a kept instance (?instance=ID) and/or a change list as the body, which without an instance applies to the last adopted quarter's",
            "parameters": [
              {"name": "quarter", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}Q[1-4]$"}, "description": "The quarter planned, e.g. 2025Q2."},
              {"name": "instance", "in": "query", "schema": {"type": "string", "pattern": "^[0-9a-f]{12}$"}, "description": "A kept instance (POST /api/instances)."},
              {"name": "timeLimit", "in": "query", "schema": {"type": "number", "default": 30, "minimum": 0, "exclusiveMinimum": true, "maximum": 86400}, "description": "Seconds."},
              {"name": "solver", "in": "query", "schema": {"type": "string", "enum": ["auto", "glpk", "greedy"], "default": "auto"}}
            ],
            "requestBody": {"required": false, "content": {
              "text/csv": {"schema": {"type": "string", "description": "A change list (docs/replanning.md)."}},
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary", "description": "A change list workbook (sheet 变动)."}}
            }},
            "responses": {
              "202": {"description": "The replan was queued as a job; its view (GET /api/jobs/ID/view) carries 'quarter': where it starts, every change with its reason, coverage before and after.", "content": {"application/json": {"schema": {"type": "object", "properties": {"job": {"type": "string"}}, "required": ["job"]}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/jobs/{id}/adopt": {
          "parameters": [{"$ref": "#/components/parameters/JobID"}],
          "post": {
            "summary": "Record a replan job's roster as the one in force for its quarter (checked again; one transaction in the plan history)",
            "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"adoptedBy": {"type": "string"}, "supersede": {"type": "boolean", "description": "Replace the quarter's adopted roster (recorded)."}}}}}},
            "responses": {
              "200": {"description": "Adopted, or already in force.", "content": {"application/json": {"schema": {"type": "object", "properties": {"job": {"type": "string"}, "quarter": {"type": "string"}, "message": {"type": "string"}}}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/history": {
          "parameters": [{"$ref": "#/components/parameters/Language"}],
          "get": {"summary": "The plan history: adopted quarters (who, when, moves, changes by reason), each person's latest posting and tenure, and the next quarter to plan", "responses": {"200": {"description": "The history; empty lists before the first adoption.", "content": {"application/json": {"schema": {"type": "object"}}}}, "500": {"$ref": "#/components/responses/Error"}}}
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
          "JobID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{12}$"}},
          "InstanceID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{12}$"}},
          "Language": {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["zh", "en"]}, "description": "The names' language; by default the browser's (Accept-Language), else Chinese."}
        },
        "requestBodies": {
          "Instance": {
            "content": {
              "application/json": {"schema": {"type": "object", "description": "An instance (docs/instance-format.md)."}},
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary", "description": "An instance workbook (docs/workbook-format.md)."}}
            }
          }
        },
        "schemas": {
          "Job": {
            "type": "object",
            "required": ["id", "state", "solver", "timeLimit", "hasRoster"],
            "properties": {
              "id": {"type": "string"},
              "instance": {"type": "string", "description": "The kept instance it solves, when it came from one."},
              "basedOn": {"type": "string", "description": "The job whose roster it re-solves from."},
              "pins": {"type": "object", "description": "People pinned for this solve: person id to posting ({mode, town} or {mode, zone})."},
              "forbidden": {"type": "object", "description": "Postings forbidden for this solve: person id to a list of postings."},
              "label": {"type": "string", "description": "A what-if's title."},
              "changes": {"type": "array", "items": {"type": "string"}, "description": "What a what-if's scenario changed, one line each."},
              "quarter": {"type": "string", "description": "The quarter a replan job plans."},
              "adopted": {"type": "string", "description": "Once a replan job's roster is adopted: what the plan history said."},
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
          "PersonPosting": {"type": "object", "required": ["person", "mode"], "properties": {"person": {"type": "string"}, "mode": {"type": "string", "enum": ["stationed", "zoned"]}, "town": {"type": "string"}, "zone": {"type": "string"}}},
          "StoredInstance": {
            "type": "object",
            "required": ["id", "name", "uploaded", "towns", "people"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "title": {"type": "string"}, "quarter": {"type": "string"}, "uploaded": {"type": "string", "format": "date-time"}, "towns": {"type": "integer"}, "people": {"type": "integer"}}
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
