/**
 * A failed long-running operation keeps ARM's error object from its last poll — code, message, target and
 * details exactly as the service wrote them — instead of a re-parse of core-lro's English summary (which drops
 * target and details, and folds inner errors into the message). Against the emulator, with a test resource
 * type whose operations fail the ways real services do.
 */
import { ArmClient, ARM_ENV } from "../../../provider/arm";
import { armFailure } from "./arm-failure";
import { armErrorResponse, BUILTIN_MODULES, type ResourceModule, type Emulator } from "../../../emulator";
import { emulatorEnv, startTestEmulator } from "../../support/emulator-env";

const NS = "Microsoft.LroErrorTest";
const SUB = "6f1c1c39-6e44-4f58-9f6c-2c1d3c1a0002";
const RG = "rg-lro-errors";
const API = "2024-01-01";
const THING = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${NS}/things/{name}`;
const thingPath = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/${NS}/things/${name}`;

const BARE_STATUS = `/subscriptions/{subscriptionId}/providers/${NS}/bareStatuses/{ending}`;
const bareStatusPath = (ending: string) => `/subscriptions/${SUB}/providers/${NS}/bareStatuses/${ending}`;
/** Things whose operation ends without an error object, by name: how it ends. */
const BARE_ENDINGS: Record<string, string> = { "bare-failed": "Failed", "bare-canceled": "Canceled" };
let emulator: Emulator;

/** What each thing's operation fails with, by name. */
const FAILURES: Record<string, () => never> = {
  // A code with a period and a message of several sentences, with target and details: TestConnectionFailed-like.
  detailed: () => {
    throw armErrorResponse(
      400,
      "Sql.TestConnectionFailed",
      "Connection test failed. The login failed.\nSee details.",
      {},
      {
        target: "properties.sourceSqlConnection",
        details: [{ code: "SourceConnectionFailed", message: "Source: Login failed for user 'migrator'." }],
      },
    );
  },
  plain: () => {
    throw armErrorResponse(409, "Conflict", "Another operation is in progress.");
  },
};

const thingsModule: ResourceModule = {
  name: NS,
  providers: [
    {
      namespace: NS,
      registrationPolicy: "RegistrationFree",
      resourceTypes: [{ resourceType: "things", locations: ["West Europe"], apiVersions: [API] }],
    },
  ],
  register(router, services) {
    // A 4xx without ARM's error envelope, as some gateways answer.
    router.add("GET", THING, () => ({ status: 418 }));
    // An operation that ends Failed or Canceled with no `error` object (as some services answer): its status
    // document says only how it ended.
    router.add("GET", BARE_STATUS, (req) => ({ status: 200, body: { id: req.path, status: req.params["ending"] } }));
    router.add("PUT", THING, (req) => {
      const name = req.params["name"]!;
      const ending = BARE_ENDINGS[name];
      if (ending)
        return {
          status: 201,
          headers: { "Azure-AsyncOperation": `${emulator.url}${bareStatusPath(ending)}?api-version=${API}` },
          body: { name, properties: { provisioningState: "Creating" } },
        };
      return services.lro.accept(
        req,
        {
          subscriptionId: req.params["subscriptionId"]!,
          namespace: NS,
          location: "westeurope",
          states: ["Creating", "Creating"],
          complete: FAILURES[name],
        },
        {
          status: 201,
          headers: "azureAsyncOperation",
          body: () => ({ name, properties: { provisioningState: "Creating" } }),
        },
      );
    });
  },
};

describe("failed long-running operations keep ARM's error object", () => {
  let arm: ArmClient;
  beforeAll(async () => {
    emulator = await startTestEmulator({ modules: [...BUILTIN_MODULES, thingsModule], provisioningDelayMs: 20 });
    arm = ArmClient.fromEnvironment(emulatorEnv(emulator, { [ARM_ENV.pollIntervalMs]: "10" }));
    await arm.request({
      method: "PUT",
      path: `/subscriptions/${SUB}/resourcegroups/${RG}`,
      apiVersion: "2021-04-01",
      body: { location: "westeurope" },
    });
  });
  afterAll(() => emulator.stop());

  test("code, message, target and details come from the last poll's `error`, as the service wrote them", async () => {
    emulator.requestLog.clear();
    const error = await armFailure(
      arm.execute({ method: "PUT", path: thingPath("detailed"), apiVersion: API, body: {} }),
    );
    expect(error.code).toBe("Sql.TestConnectionFailed");
    expect(error.armMessage).toBe("Connection test failed. The login failed.\nSee details.");
    expect(error.target).toBe("properties.sourceSqlConnection");
    expect(error.details).toEqual([
      { code: "SourceConnectionFailed", message: "Source: Login failed for user 'migrator'." },
    ]);
    expect(error.operation).toBe(`PUT ${thingPath("detailed")}`);
    // The operation was really followed: it took polls to fail, and the request id is the last poll's.
    const polls = emulator.requestLog
      .read()
      .filter((e) => e.method === "GET" && /operations|operationStatuses/i.test(e.path));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(error.requestId).toBeDefined();
  });

  test("an error without details has none", async () => {
    const error = await armFailure(arm.execute({ method: "PUT", path: thingPath("plain"), apiVersion: API, body: {} }));
    expect({ code: error.code, message: error.armMessage, details: error.details, target: error.target }).toEqual({
      code: "Conflict",
      message: "Another operation is in progress.",
      details: undefined,
      target: undefined,
    });
  });

  test("an operation that ends Failed or Canceled without an error object gets OperationFailed / OperationCanceled", async () => {
    const failed = await armFailure(
      arm.execute({ method: "PUT", path: thingPath("bare-failed"), apiVersion: API, body: {} }),
    );
    const canceled = await armFailure(
      arm.execute({ method: "PUT", path: thingPath("bare-canceled"), apiVersion: API, body: {} }),
    );
    expect([failed.code, failed.operation]).toEqual(["OperationFailed", `PUT ${thingPath("bare-failed")}`]);
    expect([canceled.code, canceled.operation]).toEqual(["OperationCanceled", `PUT ${thingPath("bare-canceled")}`]);
  });

  test("an answer without ARM's error envelope gets the code HttpStatus<status>", async () => {
    const error = await armFailure(arm.request({ method: "GET", path: thingPath("teapot"), apiVersion: API }));
    expect({ code: error.code, status: error.statusCode, message: error.armMessage }).toEqual({
      code: "HttpStatus418",
      status: 418,
      message: "no error message in the response",
    });
  });
});
