/**
 * Maps "METHOD /path/template" to handlers.
 *
 * Templates use ARM's own notation — `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}` —
 * so a route reads like the REST spec it implements. Literal segments match without regard to case, as
 * ARM does; `{name}` segments capture the value in the casing the client sent. When two templates match,
 * the one with more literal segments wins, so `/providers/{ns}/register` beats a `{ns}/{child}` catch.
 *
 * Adding a resource type (see emulator/services.ts, ResourceModule):
 *
 *   router.add("PUT", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}" +
 *     "/providers/Microsoft.DataMigration/services/{serviceName}", (req) => { ... return respond.ok(body); });
 *
 * A handler may return a response or throw an ArmErrorResponse (see errors.ts); anything else thrown becomes 500.
 */
import type { ArmRequest, ArmResponse, HttpMethod } from "./request";

export type RouteHandler = (request: ArmRequest) => ArmResponse | Promise<ArmResponse>;

interface Segment {
  literal?: string; // lower-cased
  param?: string;
}

interface Route {
  method: HttpMethod;
  template: string;
  segments: Segment[];
  literalCount: number;
  handler: RouteHandler;
}

export type RouteMatch =
  | { kind: "matched"; handler: RouteHandler; params: Record<string, string>; template: string }
  | { kind: "wrongMethod"; allowed: HttpMethod[] }
  | { kind: "none" };

/** Splits a path into decoded segments, ignoring empty ones from leading/trailing/double slashes. */
export function splitPath(path: string): string[] {
  return path
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export class Router {
  private readonly routes: Route[] = [];

  /** Registers `handler` for one or more methods on a template; later duplicates are refused. */
  add(methods: HttpMethod | readonly HttpMethod[], template: string, handler: RouteHandler): void {
    const segments: Segment[] = splitPath(template).map((s) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(s);
      return param ? { param: param[1] } : { literal: s.toLowerCase() };
    });
    const literalCount = segments.filter((s) => s.literal !== undefined).length;
    for (const method of typeof methods === "string" ? [methods] : methods) {
      const shape = shapeOf(segments);
      if (this.routes.some((r) => r.method === method && shapeOf(r.segments) === shape)) {
        throw new Error(`Route already registered: ${method} ${template}`);
      }
      this.routes.push({ method, template, segments, literalCount, handler });
    }
  }

  match(method: string, path: string): RouteMatch {
    const parts = splitPath(path);
    let best: { route: Route; params: Record<string, string> } | undefined;
    const allowed = new Set<HttpMethod>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      // HEAD is answered by a GET route when no explicit HEAD route exists (the body is dropped later).
      const methodFits = route.method === method || (method === "HEAD" && route.method === "GET");
      if (!methodFits) {
        allowed.add(route.method);
        continue;
      }
      const better =
        !best ||
        route.literalCount > best.route.literalCount ||
        (route.literalCount === best.route.literalCount && route.method === method && best.route.method !== method);
      if (better) best = { route, params };
    }
    if (best)
      return { kind: "matched", handler: best.route.handler, params: best.params, template: best.route.template };
    if (allowed.size > 0) return { kind: "wrongMethod", allowed: [...allowed] };
    return { kind: "none" };
  }
}

function shapeOf(segments: Segment[]): string {
  return segments.map((s) => (s.literal !== undefined ? s.literal : "{}")).join("/");
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (segment.literal !== undefined) {
      if (segment.literal !== part.toLowerCase()) return undefined;
    } else if (segment.param !== undefined) {
      params[segment.param] = part;
    }
  }
  return params;
}
