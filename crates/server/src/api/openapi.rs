//! The API's OpenAPI 3.1 description, served at `/api/openapi.json`. The integration tests
//! call every operation it lists, so it cannot name a route that is not there.

use axum::response::IntoResponse;
use serde_json::{Value, json};

fn op(summary: &str, role: &str, params: &[&str], ok: (&str, &str)) -> Value {
    let parameters: Vec<Value> = params
        .iter()
        .map(|p| {
            let (name, place) = p.split_once(':').unwrap_or((p, "query"));
            json!({
                "name": name,
                "in": place,
                "required": place == "path",
                "schema": {"type": if matches!(name, "limit" | "offset") { "integer" } else { "string" }}
            })
        })
        .collect();
    json!({
        "summary": summary,
        "description": format!("Needs the {role} role."),
        "parameters": parameters,
        "responses": {
            ok.0: {"description": ok.1},
            "401": {"$ref": "#/components/responses/Error"},
            "403": {"$ref": "#/components/responses/Error"},
            "429": {"$ref": "#/components/responses/Error"}
        }
    })
}

/// The document.
pub fn spec() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "wellscan",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Start Well-Architected scans, follow them, download their reports and compare them. Authenticate with `Authorization: Bearer <token>`. Errors are `{\"error\": {\"code\", \"message\"}}`."
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Error": {
                    "description": "An error with a stable code",
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"error": {"type": "object", "properties": {
                            "code": {"type": "string"}, "message": {"type": "string"}
                        }}}
                    }}}
                }
            },
            "schemas": {
                "ScanRequest": {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "demo": {"type": "boolean"},
                        "account_id": {"type": "string", "pattern": "^[0-9]{12}$"},
                        "role_arn": {"type": "string"},
                        "external_id": {"type": "string"},
                        "regions": {"type": "array", "items": {"type": "string"}},
                        "formats": {"type": "array", "items": {"type": "string", "enum": ["pdf", "xlsx", "html", "json", "ocsf"]}}
                    }
                },
                "ScanStatus": {"type": "string", "enum": ["queued", "running", "succeeded", "partial", "failed", "cancelled"]}
            }
        },
        "security": [{"bearer": []}],
        "paths": {
            "/healthz": {"get": {"summary": "The process is alive", "security": [], "responses": {"200": {"description": "alive"}}}},
            "/readyz": {"get": {"summary": "The history is reachable and the queue takes scans", "security": [], "responses": {"200": {"description": "ready"}, "503": {"$ref": "#/components/responses/Error"}}}},
            "/api/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1"}}}},
            "/api/scans": {
                "post": {
                    "summary": "Start a scan: the demo account, or an account through a role (no credentials are ever sent or stored)",
                    "description": "Needs the auditor role.",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanRequest"}}}},
                    "responses": {"202": {"description": "Queued: {\"id\", \"status\", \"href\", \"events\"}"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}
                },
                "get": op("Scans, newest first, filtered by account and status, paged", "viewer", &["account", "status", "limit", "offset"], ("200", "{\"scans\", \"limit\", \"offset\", \"next_offset\"}"))
            },
            "/api/scans/{id}": {
                "get": op("One scan: status, progress (stage, regions, services and pillars done of total), scores, report links", "viewer", &["id:path"], ("200", "The scan")),
                "delete": op("Cancel a queued or running scan", "auditor", &["id:path"], ("202", "Cancelling"))
            },
            "/api/scans/{id}/events": {"get": op("Server-Sent Events: `progress` with the scan on each change, then `end`", "viewer", &["id:path"], ("200", "text/event-stream"))},
            "/api/scans/{id}/reports/{format}": {"get": op("Download a report: pdf, xlsx, html, json or ocsf", "viewer", &["id:path", "format:path"], ("200", "The file"))},
            "/api/scans/{id}/diff": {"get": op("What changed from the scan `against` (older) to this one", "viewer", &["id:path", "against"], ("200", "The diff"))},
            "/api/accounts": {"get": op("Accounts with their latest finished scan and trend", "viewer", &[], ("200", "{\"accounts\"}"))},
            "/api/accounts/{id}/trend": {"get": op("An account's scores over its last finished scans, oldest first", "viewer", &["id:path"], ("200", "{\"account_id\", \"points\"}"))},
            "/api/accounts/{id}/share": {"post": {
                "summary": "Make a signed, read-only, expiring share link to an account's summary: `page` (to frame) and `badge` (an SVG), reachable without a token until `expires_at`",
                "description": "Needs the admin role.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"days": {"type": "integer", "minimum": 1, "maximum": 365}}, "required": ["days"]}}}},
                "responses": {"201": {"description": "{\"page\", \"badge\", \"expires_at\"}"}, "400": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
            }},
            "/api/schedules": {
                "get": op("Recurring scans the service runs itself: cron, time zone, what to scan, next and last run", "viewer", &[], ("200", "{\"schedules\"}")),
                "post": {
                    "summary": "Make a schedule: `{\"cron\", \"time_zone\", \"scan\": ScanRequest}` (five cron fields, or six with seconds first; an IANA zone, default UTC)",
                    "description": "Needs the admin role.",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["cron", "scan"], "properties": {"cron": {"type": "string"}, "time_zone": {"type": "string"}, "scan": {"$ref": "#/components/schemas/ScanRequest"}}}}}},
                    "responses": {"201": {"description": "The schedule with its next run"}, "400": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}
                }
            },
            "/api/schedules/{id}": {"delete": op("Remove a schedule", "admin", &["id:path"], ("204", "Removed"))},
            "/api/tokens": {
                "get": op("API tokens (never their secrets)", "admin", &[], ("200", "{\"tokens\"}")),
                "post": {
                    "summary": "Make an API token; its secret is in this answer only",
                    "description": "Needs the admin role.",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"name": {"type": "string"}, "role": {"type": "string", "enum": ["viewer", "auditor", "admin"]}}, "required": ["name", "role"]}}}},
                    "responses": {"201": {"description": "The token, with `token` shown once"}, "400": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}
                }
            },
            "/api/tokens/{id}": {"delete": op("Revoke an API token", "admin", &["id:path"], ("204", "Revoked"))},
            "/api/audit": {"get": op("The audit log, newest first: who changed what, when", "admin", &["limit"], ("200", "{\"entries\"}"))}
        }
    })
}

pub async fn document() -> impl IntoResponse {
    axum::Json(spec())
}
