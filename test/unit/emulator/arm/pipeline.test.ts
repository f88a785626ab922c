/** The gates ARM puts in front of every call: token, api-version, subscription id, body, error envelope, ids. */
import type { Emulator } from "../../../../emulator";
import { call, GUID_PATTERN, startTestEmulator, SUBSCRIPTION } from "../support";

describe("emulator request pipeline", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.stop());

  const providers = `/subscriptions/${SUBSCRIPTION}/providers`;

  it("answers over HTTPS on a free loopback port", () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.port).toBeGreaterThan(0);
  });

  it("refuses a call without api-version with 400 MissingApiVersionParameter", async () => {
    const res = await call(emulator, "GET", providers, { apiVersion: null });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        code: "MissingApiVersionParameter",
        message: "The api-version query parameter (?api-version=) is required for all requests.",
      },
    });
  });

  it("refuses a call without a bearer token with 401 AuthenticationFailed and a Bearer challenge", async () => {
    const res = await call(emulator, "GET", providers, { token: null });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("AuthenticationFailed");
    expect(String(res.headers["www-authenticate"])).toMatch(/^Bearer /);
  });

  it("refuses a non-Bearer authorization header with 401 InvalidAuthenticationToken", async () => {
    const res = await call(emulator, "GET", providers, {
      token: null,
      headers: { Authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("InvalidAuthenticationToken");
  });

  it("accepts any token by default", async () => {
    const res = await call(emulator, "GET", providers, { token: "whatever" });
    expect(res.status).toBe(200);
  });

  it("puts x-ms-request-id (a fresh GUID) and x-ms-correlation-request-id on every answer, errors included", async () => {
    const ok = await call(emulator, "GET", providers);
    const failed = await call(emulator, "GET", providers, { apiVersion: null });
    for (const res of [ok, failed]) {
      expect(res.headers["x-ms-request-id"]).toMatch(GUID_PATTERN);
      expect(res.headers["x-ms-correlation-request-id"]).toMatch(GUID_PATTERN);
    }
    expect(ok.headers["x-ms-request-id"]).not.toBe(failed.headers["x-ms-request-id"]);
  });

  it("echoes the client's correlation id", async () => {
    const correlation = "11111111-2222-3333-4444-555555555555";
    const res = await call(emulator, "GET", providers, { headers: { "x-ms-correlation-request-id": correlation } });
    expect(res.headers["x-ms-correlation-request-id"]).toBe(correlation);
  });

  it("answers a malformed subscription id with 400 InvalidSubscriptionId", async () => {
    const res = await call(emulator, "GET", "/subscriptions/not-a-guid/providers");
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      code: "InvalidSubscriptionId",
      message: "The provided subscription identifier 'not-a-guid' is malformed or invalid.",
    });
  });

  it("answers an unknown path with the error envelope, and a wrong method with 405", async () => {
    const unknown = await call(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/nothingHere`);
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.json)).toEqual(["error"]);
    expect(Object.keys(unknown.json.error).sort()).toEqual(["code", "message"]);
    const wrongMethod = await call(emulator, "DELETE", providers);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json.error.code).toBe("MethodNotAllowed");
  });

  it("answers a body that is not JSON with 400 InvalidRequestContent", async () => {
    const res = await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-bad-json`, {
      rawBody: "{not json",
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("InvalidRequestContent");
  });
});

describe("emulator configured with accepted tokens and a fixed subscription list", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ acceptedTokens: ["good-token"], subscriptions: [SUBSCRIPTION] });
  });
  afterAll(() => emulator.stop());

  it("accepts only the configured tokens", async () => {
    expect(
      (await call(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/providers`, { token: "good-token" })).status,
    ).toBe(200);
    const bad = await call(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/providers`, { token: "bad-token" });
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe("InvalidAuthenticationToken");
  });

  it("answers another subscription with 404 SubscriptionNotFound", async () => {
    const other = "00000000-0000-0000-0000-0000000000bb";
    const res = await call(emulator, "GET", `/subscriptions/${other}/providers`, { token: "good-token" });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("SubscriptionNotFound");
  });
});
