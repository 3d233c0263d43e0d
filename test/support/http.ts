export interface JsonResult {
  status: number;
  headers: Headers;
  // any: test bodies are read loosely; each assertion states the shape it expects
  body: any;
}

/** A JSON request for the non-FHIR endpoints (/auth, /admin): status, headers and parsed body. */
export async function jsonRequest(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResult> {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
