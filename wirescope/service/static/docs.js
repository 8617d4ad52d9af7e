/* The OpenAPI browser at /docs, from the vendored Swagger UI (no CDN, no inline script). */
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
