// The one way the app talks to the server: JSON in and out, the session cookie, the CSRF token on
// every state-changing request, and the server's error format turned into an ApiError.

export interface FieldProblem {
  field: string;
  reason: string;
  index?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }

  /** The server's reason for one field, if it named that field. */
  reasonFor(field: string): string | undefined {
    return this.problems.find((p) => p.field === field)?.reason;
  }
}

/** Builds an ApiError from a response's status and (possibly empty or non-JSON) body. */
export function errorFrom(status: number, body: unknown): ApiError {
  if (body && typeof body === "object") {
    const b = body as { message?: unknown; errors?: unknown };
    const problems = Array.isArray(b.errors)
      ? b.errors
          .filter((e): e is FieldProblem => !!e && typeof e === "object" && typeof e.field === "string")
          .map((e) => ({ field: e.field, reason: String(e.reason ?? ""), index: e.index }))
      : [];
    const message =
      typeof b.message === "string" && b.message
        ? b.message
        : problems.length
          ? problems.map((p) => `${p.field}: ${p.reason}`).join("; ")
          : `HTTP ${status}`;
    return new ApiError(status, message, problems);
  }
  return new ApiError(status, status === 0 ? "the server could not be reached" : `HTTP ${status}`);
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the session has ended (401 on a request that was not a login). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export interface RequestOptions {
  /** An API key to send instead of the session (the test-event form). */
  bearer?: string;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const file = typeof Blob !== "undefined" && body instanceof Blob;
  if (body !== undefined) headers["Content-Type"] = file ? "application/octet-stream" : "application/json";
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  else if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : file || typeof body === "string" ? (body as BodyInit) : JSON.stringify(body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw errorFrom(0, null);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    if (response.status === 401 && !options.bearer && path !== "/api/v1/auth/login") onUnauthorized();
    throw errorFrom(response.status, json);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("POST", path, body ?? {}, options),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
  /** A file as the raw request body (streamed by the browser, never read into a string). */
  upload: <T>(path: string, file: Blob) => request<T>("POST", path, file),
};

/** Query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
