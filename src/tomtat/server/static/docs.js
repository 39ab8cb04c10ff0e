// Offline API reference: renders /openapi.json with a "try it" box per endpoint. No CDN, no eval.
"use strict";

let spec = null;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function resolve(schema) {
  if (schema && schema.$ref) return spec.components.schemas[schema.$ref.split("/").pop()];
  return schema || {};
}

function typeName(schema) {
  if (!schema) return "any";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map(typeName).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${typeName(schema.items)}[]`;
  if (schema.type === "object" && schema.additionalProperties) return `object<${typeName(schema.additionalProperties)}>`;
  return schema.type || "any";
}

function constraints(schema) {
  const out = [];
  for (const s of [schema, ...(schema.anyOf || [])]) {
    if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
    if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
    if (s.minLength !== undefined) out.push(`min length ${s.minLength}`);
    if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  }
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out.join(", ");
}

function schemaTable(schema, seen = new Set()) {
  const wrap = el("div", "schema");
  const resolved = resolve(schema);
  const name = schema && schema.$ref ? schema.$ref.split("/").pop() : resolved.title || "";
  if (name) wrap.append(el("p", "schema-name", name));
  if (!resolved.properties) { wrap.append(el("code", "", typeName(resolved))); return wrap; }
  const required = new Set(resolved.required || []);
  const table = el("table");
  const head = el("tr");
  for (const h of ["field", "type", "", "notes"]) head.append(el("th", "", h));
  table.append(head);
  for (const [field, prop] of Object.entries(resolved.properties)) {
    const row = el("tr");
    row.append(el("td", "field", field));
    row.append(el("td", "type", typeName(prop)));
    row.append(el("td", "req", required.has(field) ? "required" : ""));
    row.append(el("td", "notes", [prop.description, constraints(prop)].filter(Boolean).join(" — ")));
    table.append(row);
  }
  wrap.append(table);
  // nested models once each (ArticleIn inside SummarizeRequest, ...)
  for (const prop of Object.values(resolved.properties)) {
    const refs = [prop, prop.items || {}, ...(prop.anyOf || []).flatMap((s) => [s, s.items || {}])].filter((s) => s.$ref);
    for (const ref of refs) {
      if (!seen.has(ref.$ref)) { seen.add(ref.$ref); wrap.append(schemaTable(ref, seen)); }
    }
  }
  return wrap;
}

function example(op) {
  const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
  if (!body) return null;
  const schema = resolve(body.schema);
  if (schema.examples && schema.examples.length) return schema.examples[0];
  const out = {};
  for (const [field, prop] of Object.entries(schema.properties || {})) {
    if ((schema.required || []).includes(field)) out[field] = prop.type === "array" ? [] : "";
  }
  return out;
}

function tryIt(method, path, op) {
  const box = el("div", "try");
  const sample = example(op);
  let input = null;
  if (sample !== null) {
    input = el("textarea", "try-body");
    input.rows = 8;
    input.spellcheck = false;
    input.value = JSON.stringify(sample, null, 2);
    input.setAttribute("aria-label", `request body for ${method.toUpperCase()} ${path}`);
    box.append(input);
  }
  const button = el("button", "secondary", "Send");
  button.type = "button";
  const out = el("pre", "try-out");
  out.hidden = true;
  button.addEventListener("click", async () => {
    out.hidden = false;
    out.textContent = "…";
    const started = performance.now();
    try {
      const response = await fetch(path, {
        method: method.toUpperCase(),
        headers: input ? { "Content-Type": "application/json" } : {},
        body: input ? input.value : undefined,
      });
      const text = await response.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (_) { /* not JSON */ }
      out.textContent = `HTTP ${response.status} · ${Math.round(performance.now() - started)} ms\n\n${shown}`;
    } catch (err) {
      out.textContent = String(err);
    }
  });
  box.append(button, out);
  const curl = input
    ? `curl -s -X ${method.toUpperCase()} ${location.origin}${path} -H 'Content-Type: application/json' -d @request.json`
    : `curl -s ${location.origin}${path}`;
  box.append(el("code", "curl", curl));
  return box;
}

function render() {
  document.getElementById("api-title").textContent = `${spec.info.title} ${spec.info.version}`;
  document.getElementById("api-description").textContent = spec.info.description || "";
  const main = document.getElementById("endpoints");
  main.replaceChildren();
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const section = el("section", "endpoint");
      section.id = `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`;
      const h = el("h2");
      h.append(el("span", `method ${method}`, method.toUpperCase()), " ", el("code", "path", path));
      section.append(h);
      if (op.summary) section.append(el("p", "", op.summary));
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) { section.append(el("h3", "", "Request body (JSON)")); section.append(schemaTable(body.schema)); }
      section.append(el("h3", "", "Responses"));
      const list = el("ul", "responses");
      for (const [status, resp] of Object.entries(op.responses || {})) {
        const item = el("li");
        item.append(el("strong", "", status), ` ${resp.description || ""}`);
        const json = resp.content && resp.content["application/json"];
        if (json && json.schema && status === "200") item.append(schemaTable(json.schema));
        else if (json && json.schema) item.append(" ", el("code", "", typeName(json.schema)));
        list.append(item);
      }
      section.append(list);
      section.append(el("h3", "", "Try it"));
      section.append(tryIt(method, path, op));
      main.append(section);
    }
  }
}

async function init() {
  try {
    const response = await fetch("/openapi.json");
    spec = await response.json();
    render();
  } catch (err) {
    document.getElementById("endpoints").textContent = `Could not load /openapi.json: ${err}`;
  }
}

document.addEventListener("DOMContentLoaded", init);
